package cn.govdata.opendata;

import cn.govdata.platform.test.ServiceArchitectureTest;

/** The house layout checked against open-data-service's main classes, in every build. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("cn.govdata.opendata");
    }
}
