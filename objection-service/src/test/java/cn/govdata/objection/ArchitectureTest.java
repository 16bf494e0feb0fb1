package cn.govdata.objection;

import cn.govdata.platform.test.ServiceArchitectureTest;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The house layout checked against objection-service's main classes, in every build. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("cn.govdata.objection");
    }

    /** {@code cases} is split by the steps of the process (filing, handling, tracking, ...) over one case model. */
    @Test
    void theStepsOfACaseDependOnEachOtherOneWayOnly() {
        slices().matching(root + ".cases.(*)..").should().beFreeOfCycles()
                .because("each step builds on the case model and its store, never on a later step")
                .check(mainClasses);
    }
}
