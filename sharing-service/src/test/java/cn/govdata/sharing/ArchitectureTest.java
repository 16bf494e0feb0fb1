package cn.govdata.sharing;

import cn.govdata.platform.test.ServiceArchitectureTest;

/** The house layout checked against sharing-service's main classes, in every build. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("cn.govdata.sharing");
    }
}
