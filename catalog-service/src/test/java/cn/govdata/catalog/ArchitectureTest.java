package cn.govdata.catalog;

import cn.govdata.platform.test.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's layout as the platform's architecture rules state it, checked against the main classes. */
class ArchitectureTest {

    private static final String ROOT = "cn.govdata.catalog";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = ArchitectureRules.mainClasses(ROOT);
    }

    @Test
    @DisplayName("the rules look at the service's own main classes, so an empty import cannot pass them")
    void theRulesSeeTheServicesMainClasses() {
        assertThat(classes).isNotEmpty();
        assertThat(classes.contain("cn.govdata.catalog.entry.CatalogEntry")).isTrue();
    }

    @Test
    @DisplayName("no two features of the catalog need each other both ways")
    void featuresAreFreeOfCycles() {
        ArchitectureRules.featuresAreFreeOfCycles(ROOT).check(classes);
    }

    @Test
    @DisplayName("catalog entries, their rules, duties and source designations know no framework, store or HTTP")
    void domainModelKnowsNoFramework() {
        ArchitectureRules.domainModelKnowsNoFramework(ROOT).check(classes);
    }

    @Test
    @DisplayName("a feature's stored documents are used by that feature only")
    void storageStaysInsideItsFeature() {
        ArchitectureRules.storageStaysInsideItsFeature(ROOT).check(classes);
    }

    @Test
    @DisplayName("controllers call use cases and never touch the store")
    void controllersDoNotTouchStorage() {
        ArchitectureRules.controllersDoNotTouchStorage(ROOT).check(classes);
    }

    @Test
    @DisplayName("every platform rule holds, including any added to the platform after this test was written")
    void everyPlatformRuleHolds() {
        ArchitectureRules.all(ROOT).forEach(rule -> rule.check(classes));
    }
}
