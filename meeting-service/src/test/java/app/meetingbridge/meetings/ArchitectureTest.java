package app.meetingbridge.meetings;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.meetingbridge.meetings");

    @Test
    void onlyRepositoriesTalkSql() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .should().dependOnClassesThat().resideInAPackage("org.jooq..")
                .check(CLASSES);
    }

    @Test
    void theMeetingRulesArePlainJava() {
        noClasses().that().haveSimpleName("Meeting").or().haveSimpleName("Room")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                        "org.springframework.amqp..", "software.amazon..")
                .check(CLASSES);
    }

    @Test
    void providersDoNotSeeEachOther() {
        for (String provider : new String[] {"mock", "daily", "whereby"}) {
            noClasses().that().resideInAPackage("..provider." + provider + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            java.util.stream.Stream.of("mock", "daily", "whereby")
                                    .filter(other -> !other.equals(provider))
                                    .map(other -> "..provider." + other + "..")
                                    .toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses().should().callMethod(Instant.class, "now").check(CLASSES);
    }
}
