package app.meetingbridge.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.llm.DraftTopics.ChunkAnswer;
import app.meetingbridge.transcripts.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftTopicsTest {

    private final List<Word> first = ChunkingTest.words(3, 0);
    private final List<Word> second = List.of(new Word("b", 10, 11, 1));
    private final List<Word> third = List.of(new Word("c", 20, 21, 0));

    @Test
    void startsATopicPerChunkOnANewSubject() {
        DraftTopics topics = new DraftTopics();
        topics.add(first, new ChunkAnswer("Budget", "The budget.", false));
        topics.add(second, new ChunkAnswer("Hiring", "Hiring.", false));

        assertThat(topics.drafts()).extracting(DraftTopics.Draft::title).containsExactly("Budget", "Hiring");
        assertThat(topics.drafts().get(1).words()).isEqualTo(second);
    }

    @Test
    void joinsAChunkOnThePreviousSubjectAndTakesItsTitleAndSummaryForTheWhole() {
        DraftTopics topics = new DraftTopics();
        topics.add(first, new ChunkAnswer("Budget", "The budget.", false));
        topics.add(second, new ChunkAnswer("Budget and its cuts", "The budget, then its cuts.", true));
        topics.add(third, new ChunkAnswer("Hiring", "Hiring.", false));

        assertThat(topics.drafts()).hasSize(2);
        assertThat(topics.drafts().get(0).title()).isEqualTo("Budget and its cuts");
        assertThat(topics.drafts().get(0).summary()).isEqualTo("The budget, then its cuts.");
        assertThat(topics.drafts().get(0).words()).containsExactly(first.get(0), first.get(1), first.get(2),
                second.get(0));
    }

    @Test
    void startsTheFirstTopicEvenWhenItsAnswerSaysItContinues() {
        DraftTopics topics = new DraftTopics();
        topics.add(first, new ChunkAnswer("Budget", "The budget.", true));

        assertThat(topics.drafts()).hasSize(1);
        assertThat(topics.last().words()).isEqualTo(first);
    }

    @Test
    void addsWordsWithoutTextToTheLastTopicKeepingItsTitle() {
        DraftTopics topics = new DraftTopics();
        assertThatThrownBy(() -> topics.appendToLast(second)).isInstanceOf(IllegalStateException.class);
        topics.add(first, new ChunkAnswer("Budget", "The budget.", false));

        topics.appendToLast(second);

        assertThat(topics.last().title()).isEqualTo("Budget");
        assertThat(topics.last().words()).hasSize(4).endsWith(second.get(0));
    }
}
