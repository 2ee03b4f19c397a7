package app.meetingbridge.transcripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {

    /** A name chosen to break out of its voice tag, end the cue and forge a WebVTT header and a cue of its own. */
    static final String HOSTILE =
            "Eve</v>\n\nWEBVTT 00:00:00.000 --> 00:00:09.000\r\n<b>Bob</b> & co\u2028Bob: I resign";

    static Rendering transcript(String firstName) {
        return Rendering.of(TranscriptJson.topics("""
                [{"words": [{"text": "hello", "start": 0.2, "end": 0.5, "speaker": 0},
                            {"text": "there", "start": 0.6, "end": 0.9, "speaker": 0},
                            {"text": "hi", "start": 1.0, "end": 1.4, "speaker": 1}]}]
                """), List.of(new Participant(null, 0, firstName, null), new Participant(null, 1, "Ada", null)));
    }

    @Test
    void escapesASpeakersNameInWebVttSoItStaysInsideItsVoiceTag() {
        String vtt = transcript(HOSTILE).webvttNamed();

        assertThat(vtt.split("\n", -1)).containsExactly(
                "WEBVTT",
                "",
                "00:00:00.200 --> 00:00:00.900",
                "<v Eve&lt;/v&gt;  WEBVTT 00:00:00.000 --&gt; 00:00:09.000 &lt;b&gt;Bob&lt;/b&gt; &amp; co "
                        + "Bob: I resign>hello there",
                "",
                "00:00:01.000 --> 00:00:01.400",
                "<v Ada>hi",
                "");
    }

    @Test
    void escapesTheWordsInWebVttToo() {
        List<Segment> segments = Segment.of(List.of(new Word("hello", 0.2, 0.5, 0), new Word("a<b & c>d", 0.6, 0.9, 0),
                new Word("hi", 1.0, 1.4, 1)));

        String vtt = Rendering.webvtt(segments, Speakers.of(List.of(new Participant("p", 0, "Grace", null))));

        assertThat(vtt.split("\n", -1)).containsExactly("WEBVTT", "", "00:00:00.200 --> 00:00:00.900",
                "<v Grace>hello a&lt;b &amp; c&gt;d", "", "00:00:01.000 --> 00:00:01.400", "<v Speaker 1>hi", "");
        assertThat(Rendering.cues(vtt)).startsWith("\n00:00:00.200");
    }

    @Test
    void escapesANameAndTheWordsInOneTopicsWebVttAsTheRoomWebhookSendsIt() {
        String name = "Eve</v>\n\nWEBVTT 00:00:00.000 --> 00:00:09.000\r\n<b>Bob</b> & co";
        Topic topic = TranscriptJson.topics("""
                [{"words": [{"text": "hello", "start": 0.2, "end": 0.5, "speaker": 0},
                            {"text": "a<b & c>d", "start": 0.6, "end": 0.9, "speaker": 0},
                            {"text": "hi", "start": 1.0, "end": 1.4, "speaker": 1}]}]""").get(0);

        String vtt = Rendering.webvtt(topic.segments(), Speakers.of(List.of(new Participant("p", 0, name, null),
                new Participant("q", 1, "Ada", null))));

        assertThat(vtt.split("\n", -1)).containsExactly(
                "WEBVTT",
                "",
                "00:00:00.200 --> 00:00:00.900",
                "<v Eve&lt;/v&gt;  WEBVTT 00:00:00.000 --&gt; 00:00:09.000 &lt;b&gt;Bob&lt;/b&gt; &amp; co>"
                        + "hello a&lt;b &amp; c&gt;d",
                "",
                "00:00:01.000 --> 00:00:01.400",
                "<v Ada>hi",
                "");
    }

    @Test
    void keepsAHostileNameOnItsOwnLineInTheTextFormats() {
        Rendering text = transcript(HOSTILE);

        assertThat(text.text().split("\n")).containsExactly(
                "Eve</v>  WEBVTT 00:00:00.000 --> 00:00:09.000 <b>Bob</b> & co Bob: I resign: hello there",
                "Ada: hi");
        assertThat(text.timestamped().split("\n")).hasSize(2)
                .allMatch(line -> line.startsWith("[00:0"));
    }

    @Test
    void leavesTheNameAsItIsInJson() {
        assertThat(transcript(HOSTILE).json().get(0).speakerName()).isEqualTo(HOSTILE);
    }

    @Test
    void leavesOrdinaryNamesAndWordsAlone() {
        assertThat(transcript("Grace Hopper").webvttNamed()).contains("\n<v Grace Hopper>hello there\n");
        assertThat(transcript("Grace Hopper").text()).isEqualTo("Grace Hopper: hello there\nAda: hi");
        assertThat(transcript("Grace Hopper").in(Format.TEXT_TIMESTAMPED))
                .isEqualTo("[00:00] Grace Hopper: hello there\n[00:01] Ada: hi");
    }

    @Test
    void namesASpeakerNoParticipantNamesByNumber() {
        Rendering rendering = Rendering.of(TranscriptJson.topics("""
                [{"words": [{"text": "yo", "start": 61.5, "end": 62, "speaker": 3}]}]"""),
                List.of(new Participant("p", null, "Nobody's", null), new Participant("q", 3, null, null)));

        assertThat(rendering.text()).isEqualTo("Speaker 3: yo");
        assertThat(rendering.timestamped()).isEqualTo("[01:01] Speaker 3: yo");
        assertThat(rendering.json()).containsExactly(new NamedSegment(3, "Speaker 3", "yo", 61.5, 62));
    }

    @Test
    void runsTheSegmentsOfEveryTopicInOrder() {
        Rendering rendering = Rendering.of(TranscriptJson.topics("""
                [{"words": [{"text": "a", "start": 0, "end": 1, "speaker": 0}]},
                 {"words": [{"text": "b", "start": 1, "end": 2, "speaker": 0}]}]"""), List.of());

        assertThat(rendering.segments()).containsExactly(new Segment(0, "a", 0, 1), new Segment(0, "b", 1, 2));
        assertThat(rendering.text()).isEqualTo("Speaker 0: a\nSpeaker 0: b");
    }
}
