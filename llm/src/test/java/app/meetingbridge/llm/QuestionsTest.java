package app.meetingbridge.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuestionsTest {

    @Test
    void readsAJsonObjectAlsoInsideACodeFence() {
        assertThat(Questions.json("{\"title\": \"Budget\"}").get("title").asString()).isEqualTo("Budget");
        assertThat(Questions.json("```json\n{\"title\": \"Budget\"}\n```").get("title").asString()).isEqualTo("Budget");
    }

    @Test
    void saysWhatIsWrongWithAnUnusableAnswer() {
        assertThatThrownBy(() -> Questions.json("  ")).hasMessage("the answer was empty");
        assertThatThrownBy(() -> Questions.json("The budget")).hasMessageStartingWith("the answer is not JSON");
        assertThatThrownBy(() -> Questions.json("[1]")).hasMessage("the answer is not a JSON object");
        assertThatThrownBy(() -> Questions.requiredText(Questions.json("{\"title\": 3}"), "title"))
                .hasMessageContaining("\"title\" is missing, not a string, or empty");
        assertThatThrownBy(() -> Questions.requiredBoolean(Questions.json("{\"c\": \"yes\"}"), "c"))
                .hasMessageContaining("\"c\" is missing or not true/false");
        assertThatThrownBy(() -> Questions.requiredArray(Questions.json("{\"decisions\": {}}"), "decisions"))
                .hasMessageContaining("\"decisions\" is missing or not an array");
    }

    @Test
    void takesBlankOptionalTextAsNull() {
        assertThat(Questions.optionalText(Questions.json("{\"a\": \" \", \"b\": null}"), "a")).isNull();
        assertThat(Questions.optionalText(Questions.json("{\"a\": \" \", \"b\": null}"), "b")).isNull();
        assertThat(Questions.optionalText(Questions.json("{}"), "c")).isNull();
    }

    @Test
    void cleansTitlesOfQuotesFullStopsAndLineBreaks() {
        assertThat(PostProcessor.cleanTitle("\"Q3 Budget\nReview.\"")).isEqualTo("Q3 Budget Review");
        assertThat(PostProcessor.cleanTitle("**Hiring Plans**")).isEqualTo("Hiring Plans");
        assertThat(PostProcessor.cleanTitle("x".repeat(300))).hasSize(200);
        assertThatThrownBy(() -> PostProcessor.cleanTitle("\"\"")).isInstanceOf(InvalidAnswer.class);
    }
}
