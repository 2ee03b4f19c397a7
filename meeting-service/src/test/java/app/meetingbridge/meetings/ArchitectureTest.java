package app.meetingbridge.meetings;

import static app.meetingbridge.testsupport.ArchitectureRules.arePlainJava;
import static app.meetingbridge.testsupport.ArchitectureRules.mainClassesOf;
import static app.meetingbridge.testsupport.ArchitectureRules.onlyRepositoriesTalkSql;
import static app.meetingbridge.testsupport.ArchitectureRules.timeComesFromTheInjectedClock;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final JavaClasses CLASSES = mainClassesOf("app.meetingbridge.meetings");
    static final List<String> PROVIDERS = List.of("mock", "daily", "whereby");
    static final String[] FEATURES = {"..meetings.meeting..", "..meetings.providerevents..",
            "..meetings.recordings..", "..meetings.calendar.."};

    @Test
    void keepsTheSharedRules() {
        onlyRepositoriesTalkSql().check(CLASSES);
        timeComesFromTheInjectedClock().check(CLASSES);
        arePlainJava("Meeting", "Room").check(CLASSES);
    }

    @Test
    void providersDoNotSeeEachOther() {
        for (String provider : PROVIDERS) {
            String[] others = PROVIDERS.stream().filter(other -> !other.equals(provider))
                    .map(other -> "..provider." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("..provider." + provider + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void featuresReachProvidersOnlyThroughTheirInterfaces() {
        noClasses().that().resideInAnyPackage(FEATURES)
                .should().dependOnClassesThat().resideInAnyPackage("..meetings.provider.mock..",
                        "..meetings.provider.daily..", "..meetings.provider.whereby..", "software.amazon..")
                .check(CLASSES);
    }

    @Test
    void providersKnowNoFeature() {
        noClasses().that().resideInAPackage("..meetings.provider..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(CLASSES);
    }

    @Test
    void packagesDoNotDependOnEachOtherInCircles() {
        slices().matching("app.meetingbridge.meetings.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
