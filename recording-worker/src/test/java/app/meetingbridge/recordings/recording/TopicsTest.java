package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import app.meetingbridge.transcripts.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void oneUntitledTopicSpansTheRecordingWithAllTheWords() {
        List<Word> words = List.of(new Word("Hello", 0.2, 0.5, 0), new Word("there", 0.6, 0.9, 0),
                new Word("Hi", 1.6, 1.9, 1));

        List<Topic> topics = Topics.untitled(words, 2540);

        assertThat(topics).hasSize(1);
        Topic topic = topics.get(0);
        assertThat(topic.id()).isNotBlank();
        assertThat(topic.title()).isEmpty();
        assertThat(topic.summary()).isEmpty();
        assertThat(topic.timestamp()).isZero();
        assertThat(topic.duration()).isEqualTo(2.54);
        assertThat(topic.transcript()).isEqualTo("Hello there Hi");
        assertThat(topic.words()).isEqualTo(words);
        // stored in Reflector's shape, read back as it was
        assertThat(TranscriptJson.topics(TranscriptJson.topicsJson(topics))).containsExactly(topic);
    }

    @Test
    void noWordsMakeATopicWithoutText() {
        Topic topic = Topics.untitled(List.of(), 1000).get(0);

        assertThat(topic.transcript()).isEmpty();
        assertThat(topic.words()).isEmpty();
        assertThat(topic.duration()).isEqualTo(1.0);
    }
}
