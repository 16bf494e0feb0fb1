package cn.govdata.objection;

import cn.govdata.platform.test.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The house layout (see {@link ArchitectureRules}) checked against this service's main classes, in every build. */
class ArchitectureTest {

    private static final String ROOT = "cn.govdata.objection";

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

    /** {@code cases} is split by the steps of the process (filing, handling, tracking, ...) over one case model. */
    @Test
    void theStepsOfACaseDependOnEachOtherOneWayOnly() {
        slices().matching(ROOT + ".cases.(*)..").should().beFreeOfCycles()
                .because("each step builds on the case model and its store, never on a later step")
                .check(mainClasses);
    }
}
