package cn.govdata.platform.test;

import cn.govdata.domain.DomainModel;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout every service keeps, as ArchUnit rules a service's {@code ArchitectureTest} checks
 * against its own main classes. Features are the packages right under the service's root
 * ({@code cn.govdata.sharing.grant}); a feature's storage ({@code *Document} types, repositories)
 * is its own business; aggregates and domain rules ({@link DomainModel}) know no framework.
 */
public final class ArchitectureRules {

    /** Packages whose types make code depend on a framework, a store or the wire. */
    private static final String[] FRAMEWORK_PACKAGES = {
            "org.springframework..", "org.bson..", "com.mongodb..", "jakarta.servlet..", "jakarta.persistence..",
            "org.apache.kafka..", "tools.jackson..", "com.fasterxml.jackson.databind.."};

    private ArchitectureRules() {
    }

    /** The service's main classes (tests and jars excluded). */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** Every rule below, for a test that wants them all. */
    public static List<ArchRule> all(String rootPackage) {
        return List.of(featuresAreFreeOfCycles(rootPackage), domainModelKnowsNoFramework(rootPackage),
                storageStaysInsideItsFeature(rootPackage), controllersDoNotTouchStorage(rootPackage));
    }

    /** Two features never need each other both ways: one of them is the other's client. */
    public static ArchRule featuresAreFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
                .because("a feature that needs another both ways is one feature, or the shared part is a third");
    }

    /** Aggregates, values and domain rules depend on the JDK, the domain module and each other only. */
    public static ArchRule domainModelKnowsNoFramework(String rootPackage) {
        return noClasses().that(areDomainModel()).and().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES)
                .because("domain code states the regulation's rules; HTTP, storage and messaging are adapters around it")
                .allowEmptyShould(true);
    }

    /**
     * A feature's stored shape ({@code *Document}) and its repositories are read and written by
     * that feature only; another feature asks it through a use case or a read model of its own.
     */
    public static ArchRule storageStaysInsideItsFeature(String rootPackage) {
        return classes().that().resideInAPackage(rootPackage + "..")
                .and().haveSimpleNameEndingWith("Document")
                .should(beUsedOnlyInsideTheirFeature(rootPackage))
                .allowEmptyShould(true);
    }

    /** Controllers call use cases; they never reach the store or a stored shape themselves. */
    public static ArchRule controllersDoNotTouchStorage(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .and().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Document")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.core.MongoTemplate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.core.MongoOperations")
                .because("a controller translates HTTP to a use case and back; storage is the use case's business")
                .allowEmptyShould(true);
    }

    /** {@link DomainModel} types and the types nested in them. */
    static DescribedPredicate<JavaClass> areDomainModel() {
        return DescribedPredicate.describe("are annotated @DomainModel (or nested in such a type)", ArchitectureRules::isDomainModel);
    }

    private static boolean isDomainModel(JavaClass type) {
        for (JavaClass current = type; current != null; current = current.getEnclosingClass().orElse(null)) {
            if (current.isAnnotatedWith(DomainModel.class)) {
                return true;
            }
        }
        return false;
    }

    private static ArchCondition<JavaClass> beUsedOnlyInsideTheirFeature(String rootPackage) {
        return new ArchCondition<>("be used only inside their own feature") {
            @Override
            public void check(JavaClass storage, ConditionEvents events) {
                String feature = featureOf(storage, rootPackage);
                for (Dependency dependency : storage.getDirectDependenciesToSelf()) {
                    JavaClass user = dependency.getOriginClass();
                    String userFeature = featureOf(user, rootPackage);
                    if (userFeature != null && !userFeature.equals(feature)) {
                        events.add(SimpleConditionEvent.violated(dependency, user.getName() + " (feature " + userFeature
                                + ") uses " + storage.getSimpleName() + " of feature " + feature + ": " + dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The first package segment under the root, e.g. {@code grant} for {@code cn.govdata.sharing.grant.Grant}. */
    static String featureOf(JavaClass type, String rootPackage) {
        String name = type.getPackageName();
        if (!name.startsWith(rootPackage + ".")) {
            return null;
        }
        String rest = name.substring(rootPackage.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
