package app.meetingbridge.recordings.roomwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RoomWebhookSenderTest {

    /** A name chosen to break out of its voice tag, end the cue and forge a WebVTT header and a cue of its own. */
    static final String HOSTILE = "Eve</v>\n\nWEBVTT 00:00:00.000 --> 00:00:09.000\r\n<b>Bob</b> & co";

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void escapesASpeakersNameInTheWebhooksWebVttSoItStaysInsideItsVoiceTag() {
        String vtt = RoomWebhookSender.webvtt(JSON.readTree("""
                [{"text": "hello", "start": 0.2, "end": 0.5, "speaker": 0},
                 {"text": "a<b & c>d", "start": 0.6, "end": 0.9, "speaker": 0},
                 {"text": "hi", "start": 1.0, "end": 1.4, "speaker": 1}]
                """), Map.of(0, HOSTILE, 1, "Ada"));

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
    void leavesOrdinaryNamesAlone() {
        String vtt = RoomWebhookSender.webvtt(JSON.readTree("[{\"text\": \"hello\", \"start\": 0, \"end\": 1}]"),
                Map.of(0, "Grace Hopper"));

        assertThat(vtt).isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Grace Hopper>hello\n");
    }
}
