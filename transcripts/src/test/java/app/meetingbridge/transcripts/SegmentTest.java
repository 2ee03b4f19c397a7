package app.meetingbridge.transcripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentTest {

    @Test
    void cutsTheWordsWhereTheSpeakerChangesAndTrimsEachWord() {
        List<Word> words = List.of(new Word(" Hello", 0.2, 0.5, 0), new Word("there ", 0.6, 0.9, 0),
                new Word("Hi", 1.6, 1.9, 1), new Word("again", 2.0, 2.2, 0));

        assertThat(Segment.of(words)).containsExactly(new Segment(0, "Hello there", 0.2, 0.9),
                new Segment(1, "Hi", 1.6, 1.9), new Segment(0, "again", 2.0, 2.2));
    }

    @Test
    void hasNoSegmentForNoWordsAndNoneForEmptyWordsAlone() {
        assertThat(Segment.of(List.of())).isEmpty();
        assertThat(Segment.of(List.of(new Word(" ", 0, 1, 2)))).isEmpty();
    }

    @Test
    void groupsTheStoredWordsPerSpeakerTurn() {
        Word a = new Word("a", 0, 1, 0);
        Word b = new Word("b", 1, 2, 0);
        Word c = new Word("c", 2, 3, 1);
        Word d = new Word("d", 3, 4, 0);
        Topic topic = new Topic("t", "", "", 0, null, "", List.of(a, b, c, d));

        assertThat(topic.wordsPerSpeaker()).containsExactly(new SpeakerWords(0, List.of(a, b)),
                new SpeakerWords(1, List.of(c)), new SpeakerWords(0, List.of(d)));
        assertThat(topic.text()).isEqualTo("a b c d");
        assertThat(new Topic("t", "", "", 0, null, "stored", List.of()).text()).isEqualTo("stored");
    }
}
