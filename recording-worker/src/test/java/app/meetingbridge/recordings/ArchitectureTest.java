package app.meetingbridge.recordings;

import static app.meetingbridge.testsupport.ArchitectureRules.mainClassesOf;
import static app.meetingbridge.testsupport.ArchitectureRules.onlyRepositoriesTalkSql;
import static app.meetingbridge.testsupport.ArchitectureRules.timeComesFromTheInjectedClock;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final JavaClasses CLASSES = mainClassesOf("app.meetingbridge.recordings");

    @Test
    void keepsTheSharedRules() {
        onlyRepositoriesTalkSql().check(CLASSES);
        timeComesFromTheInjectedClock().check(CLASSES);
    }
}
