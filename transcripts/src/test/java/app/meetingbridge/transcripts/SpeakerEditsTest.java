package app.meetingbridge.transcripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerEditsTest {

    static final List<Topic> TOPICS = List.of(
            new Topic("t1", "One", "", 0, 2.0, "", List.of(new Word("a", 0.0, 0.5, 0), new Word("b", 1.0, 1.5, 1))),
            new Topic("t2", "Two", "", 2, null, "", List.of(new Word("c", 2.0, 2.5, 1), new Word("d", 3.0, 3.5, 2))));

    static List<Integer> speakers(List<Topic> topics) {
        return topics.stream().flatMap(topic -> topic.words().stream()).map(Word::speaker).toList();
    }

    @Test
    void assignsTheWordsThatStartWithinTheRangeBothEndsIncluded() {
        List<Topic> after = SpeakerEdits.assign(TOPICS, 1.0, 3.0, 7);

        assertThat(speakers(after)).containsExactly(0, 7, 7, 7);
        assertThat(after.get(0).words().get(1)).isEqualTo(new Word("b", 1.0, 1.5, 7));
        assertThat(after.get(1).title()).isEqualTo("Two");
    }

    @Test
    void assignsNothingOutsideTheWordsOrForAnEmptyRange() {
        assertThat(SpeakerEdits.assign(TOPICS, 10, 20, 7)).isEqualTo(TOPICS);
        assertThat(SpeakerEdits.assign(TOPICS, 3.0, 1.0, 7)).isEqualTo(TOPICS);
        assertThat(SpeakerEdits.assign(TOPICS, 0.2, 0.8, 7)).isEqualTo(TOPICS);
    }

    @Test
    void assigningTwiceIsAssigningOnce() {
        List<Topic> once = SpeakerEdits.assign(TOPICS, 0, 2, 5);

        assertThat(SpeakerEdits.assign(once, 0, 2, 5)).isEqualTo(once);
    }

    @Test
    void mergesEveryWordOfOneSpeakerIntoAnother() {
        List<Topic> after = SpeakerEdits.merge(TOPICS, 1, 0);

        assertThat(speakers(after)).containsExactly(0, 0, 0, 2);
        assertThat(SpeakerEdits.merge(after, 1, 0)).isEqualTo(after);
        assertThat(SpeakerEdits.merge(TOPICS, 9, 0)).isEqualTo(TOPICS);
    }

    @Test
    void findsTheSmallestSpeakerNumberNoWordCarries() {
        assertThat(SpeakerEdits.emptySpeaker(TOPICS)).isEqualTo(3);
        assertThat(SpeakerEdits.emptySpeaker(SpeakerEdits.merge(TOPICS, 1, 0))).isEqualTo(1);
        assertThat(SpeakerEdits.emptySpeaker(List.of())).isZero();
    }

    @Test
    void showsAnEditInEveryFormat() {
        List<Participant> people = List.of(new Participant("p0", 0, "Ada", null),
                new Participant("p1", 1, "Bob", null));
        Rendering after = Rendering.of(SpeakerEdits.merge(TOPICS, 1, 0), people);

        assertThat(after.text()).isEqualTo("Ada: a b\nAda: c\nSpeaker 2: d");
    }
}
