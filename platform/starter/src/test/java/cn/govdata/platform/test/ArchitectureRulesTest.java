package cn.govdata.platform.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureRulesTest {

    private static final String BAD = "cn.govdata.platform.test.archfixture.bad";
    private static final String GOOD = "cn.govdata.platform.test.archfixture.good";

    private static EvaluationResult evaluate(ArchRule rule, String root) {
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        return rule.evaluate(classes);
    }

    @Test
    void twoFeaturesThatNeedEachOtherAreACycle() {
        assertThat(evaluate(ArchitectureRules.featuresAreFreeOfCycles(BAD), BAD).hasViolation()).isTrue();
        assertThat(evaluate(ArchitectureRules.featuresAreFreeOfCycles(GOOD), GOOD).hasViolation()).isFalse();
    }

    @Test
    void aDomainModelThatSpeaksHttpIsReported() {
        EvaluationResult result = evaluate(ArchitectureRules.domainModelKnowsNoFramework(BAD), BAD);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("HttpStatus"));
        assertThat(evaluate(ArchitectureRules.domainModelKnowsNoFramework(GOOD), GOOD).hasViolation()).isFalse();
    }

    @Test
    void aDocumentReadByAnotherFeatureIsReportedWithTheReader() {
        EvaluationResult result = evaluate(ArchitectureRules.storageStaysInsideItsFeature(BAD), BAD);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("bad.alpha.Alpha (feature alpha) uses BetaDocument"));
        assertThat(evaluate(ArchitectureRules.storageStaysInsideItsFeature(GOOD), GOOD).hasViolation()).isFalse();
    }

    @Test
    void aControllerThatReadsADocumentIsReported() {
        assertThat(evaluate(ArchitectureRules.controllersDoNotTouchStorage(BAD), BAD).hasViolation()).isTrue();
        assertThat(evaluate(ArchitectureRules.controllersDoNotTouchStorage(GOOD), GOOD).hasViolation()).isFalse();
    }
}
