package app.meetingbridge.llm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import app.meetingbridge.testsupport.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.mainClassesOf("app.meetingbridge.llm");

    @Test
    void onlyTheChatModelTalksToTheSdk() {
        noClasses().that().doNotHaveSimpleName("ChatModel")
                .should().dependOnClassesThat().resideInAPackage("com.openai..")
                .check(classes);
    }

    @Test
    void isPlainJavaWithoutSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(classes);
    }

    @Test
    void keepsTheRulesPlain() {
        ArchitectureRules.arePlainJava("Chunking", "DraftTopics", "Condensing", "RetryAfter").check(classes);
        ArchitectureRules.timeComesFromTheInjectedClock().check(classes);
    }
}
