package cn.govdata.catalog;

import cn.govdata.platform.test.ServiceArchitectureTest;

/** The house layout checked against catalog-service's main classes, in every build. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("cn.govdata.catalog");
    }
}
