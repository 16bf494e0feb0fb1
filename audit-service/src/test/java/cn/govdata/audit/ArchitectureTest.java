package cn.govdata.audit;

import cn.govdata.platform.test.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/** The house layout (see {@link ArchitectureRules}) checked against this service's main classes, in every build. */
class ArchitectureTest {

    private static final String ROOT = "cn.govdata.audit";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = ArchitectureRules.mainClasses(ROOT);
    }

    static List<ArchRule> houseRules() {
        return ArchitectureRules.all(ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("houseRules")
    void theServiceKeepsEveryHouseRule(ArchRule rule) {
        rule.check(mainClasses);
    }
}
