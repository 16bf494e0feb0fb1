package cn.govdata.audit;

import cn.govdata.platform.test.ServiceArchitectureTest;

/** The house layout checked against audit-service's main classes, in every build. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("cn.govdata.audit");
    }
}
