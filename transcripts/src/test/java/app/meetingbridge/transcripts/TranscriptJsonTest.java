package app.meetingbridge.transcripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptJsonTest {

    @Test
    void readsWhatIsMissingAsEmptyZeroOrNull() {
        Topic topic = TranscriptJson.topics("[{\"words\":[{\"text\":\"hi\"}]}]").get(0);

        assertThat(topic).isEqualTo(new Topic("", "", "", 0, null, "", List.of(new Word("hi", 0, 0, 0))));
        assertThat(TranscriptJson.participants("[{\"name\":\"Ada\"}]"))
                .containsExactly(new Participant(null, null, "Ada", null));
        assertThat(TranscriptJson.participants("null")).isEmpty();
    }

    @Test
    void writesTopicsAndParticipantsInTheStoredShapeAndReadsThemBack() {
        List<Topic> topics = List.of(new Topic("t1", "Title", "Sum", 1.5, 2.0, "a b",
                List.of(new Word("a", 1.5, 1.7, 0), new Word("b", 1.8, 2.0, 1))));
        List<Participant> people = List.of(new Participant("p", 1, "Bob", "user-bob"),
                new Participant("q", null, "Eve", null));

        String topicsJson = TranscriptJson.topicsJson(topics);
        String peopleJson = TranscriptJson.participantsJson(people);

        assertThat(topicsJson).isEqualTo("[{\"id\":\"t1\",\"title\":\"Title\",\"summary\":\"Sum\",\"timestamp\":1.5,"
                + "\"duration\":2.0,\"transcript\":\"a b\",\"words\":[{\"text\":\"a\",\"start\":1.5,\"end\":1.7,"
                + "\"speaker\":0},{\"text\":\"b\",\"start\":1.8,\"end\":2.0,\"speaker\":1}]}]");
        assertThat(peopleJson).isEqualTo("[{\"id\":\"p\",\"speaker\":1,\"name\":\"Bob\",\"user_id\":\"user-bob\"},"
                + "{\"id\":\"q\",\"speaker\":null,\"name\":\"Eve\",\"user_id\":null}]");
        assertThat(TranscriptJson.topics(topicsJson)).isEqualTo(topics);
        assertThat(TranscriptJson.participants(peopleJson)).isEqualTo(people);
    }
}
