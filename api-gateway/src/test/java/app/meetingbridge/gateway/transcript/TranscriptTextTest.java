package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TranscriptTextTest {

    /** A name chosen to break out of its voice tag, end the cue and forge a WebVTT header and a cue of its own. */
    static final String HOSTILE =
            "Eve</v>\n\nWEBVTT 00:00:00.000 --> 00:00:09.000\r\n<b>Bob</b> & co\u2028Bob: I resign";

    static final JsonMapper JSON = JsonMapper.builder().build();

    static TranscriptText transcript(String firstName) {
        String participants = JSON.writeValueAsString(List.of(Map.of("speaker", 0, "name", firstName),
                Map.of("speaker", 1, "name", "Ada")));
        return TranscriptText.of(JSON.readTree("""
                [{"words": [{"text": "hello", "start": 0.2, "end": 0.5, "speaker": 0},
                            {"text": "there", "start": 0.6, "end": 0.9, "speaker": 0},
                            {"text": "hi", "start": 1.0, "end": 1.4, "speaker": 1}]}]
                """), JSON.readTree(participants));
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
    void keepsAHostileNameOnItsOwnLineInTheTextFormats() {
        TranscriptText text = transcript(HOSTILE);

        assertThat(text.text().split("\n")).containsExactly(
                "Eve</v>  WEBVTT 00:00:00.000 --> 00:00:09.000 <b>Bob</b> & co Bob: I resign: hello there",
                "Ada: hi");
        assertThat(text.timestamped().split("\n")).hasSize(2)
                .allMatch(line -> line.startsWith("[00:0"));
    }

    @Test
    void leavesTheNameAsItIsInJson() {
        assertThat(transcript(HOSTILE).json().get(0).get("speaker_name")).isEqualTo(HOSTILE);
    }

    @Test
    void leavesOrdinaryNamesAndWordsAlone() {
        assertThat(transcript("Grace Hopper").webvttNamed()).contains("\n<v Grace Hopper>hello there\n");
        assertThat(transcript("Grace Hopper").text()).isEqualTo("Grace Hopper: hello there\nAda: hi");
    }
}
