package app.meetingbridge.gateway;

import static app.meetingbridge.testsupport.ArchitectureRules.arePlainJava;
import static app.meetingbridge.testsupport.ArchitectureRules.mainClassesOf;
import static app.meetingbridge.testsupport.ArchitectureRules.onlyRepositoriesTalkSql;
import static app.meetingbridge.testsupport.ArchitectureRules.timeComesFromTheInjectedClock;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final JavaClasses CLASSES = mainClassesOf("app.meetingbridge.gateway");

    @Test
    void keepsTheSharedRules() {
        onlyRepositoriesTalkSql().check(CLASSES);
        timeComesFromTheInjectedClock().check(CLASSES);
        arePlainJava("Room", "RoomSettings", "Caller", "ConsentWindow", "MediaSniffer").check(CLASSES);
    }

    @Test
    void controllersDoNotReachRepositories() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(CLASSES);
    }
}
