package app.meetingbridge.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CondensingTest {

    @Test
    void groupsConsecutiveSummariesUpToTheLimit() {
        List<String> summaries = List.of("a".repeat(40), "b".repeat(40), "c".repeat(40), "d".repeat(10));

        List<List<String>> batches = Condensing.batches(summaries, 90);

        assertThat(batches).containsExactly(List.of("a".repeat(40), "b".repeat(40)),
                List.of("c".repeat(40), "d".repeat(10)));
    }

    @Test
    void putsASummaryLongerThanTheLimitInABatchOfItsOwn() {
        List<String> summaries = List.of("a".repeat(200), "b");

        assertThat(Condensing.batches(summaries, 90)).containsExactly(List.of("a".repeat(200)), List.of("b"));
    }
}
