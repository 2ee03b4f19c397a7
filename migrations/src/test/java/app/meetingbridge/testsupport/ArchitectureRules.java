package app.meetingbridge.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.util.Set;

/** The architecture rules every service keeps (STYLE.md §15), for each service's ArchitectureTest. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static JavaClasses mainClassesOf(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** SQL lives in one repository class per aggregate. */
    public static ArchRule onlyRepositoriesTalkSql() {
        return noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .should().dependOnClassesThat().resideInAPackage("org.jooq..");
    }

    /** Time comes from an injected {@code Clock}, so rules can be tested at any moment. */
    public static ArchRule timeComesFromTheInjectedClock() {
        return noClasses().should().callMethod(Instant.class, "now");
    }

    /** The named core types are plain Java: no framework, database, broker or cloud SDK inside. */
    public static ArchRule arePlainJava(String... simpleNames) {
        Set<String> names = Set.of(simpleNames);
        return noClasses().that(DescribedPredicate.describe("are one of " + names,
                        (JavaClass type) -> names.contains(type.getSimpleName())))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                        "software.amazon..", "tools.jackson..");
    }
}
