package cn.govdata.platform.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's architecture test: extend it with the service's root package and the house rules
 * ({@link ArchitectureRules}) are checked against its main classes in every build. A service adds
 * its own rules (e.g. on the sub-packages of one feature) as further tests in the subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceArchitectureTest {

    protected final String root;
    protected final JavaClasses mainClasses;

    protected ServiceArchitectureTest(String root) {
        this.root = root;
        this.mainClasses = ArchitectureRules.mainClasses(root);
    }

    @Test
    void theRulesLookAtTheServicesOwnMainClassesSoAnEmptyImportCannotPassThem() {
        assertThat(mainClasses).isNotEmpty();
        assertThat(mainClasses.stream()).anyMatch(type -> type.getPackageName().startsWith(root + "."));
    }

    @Test
    void noTwoFeaturesNeedEachOtherBothWays() {
        ArchitectureRules.featuresAreFreeOfCycles(root).check(mainClasses);
    }

    @Test
    void aggregatesAndDomainRulesKnowNoFrameworkStoreOrHttp() {
        ArchitectureRules.domainModelKnowsNoFramework(root).check(mainClasses);
    }

    @Test
    void aFeaturesStoredDocumentsAreUsedByThatFeatureOnly() {
        ArchitectureRules.storageStaysInsideItsFeature(root).check(mainClasses);
    }

    @Test
    void controllersCallUseCasesAndNeverTouchTheStore() {
        ArchitectureRules.controllersDoNotTouchStorage(root).check(mainClasses);
    }
}
