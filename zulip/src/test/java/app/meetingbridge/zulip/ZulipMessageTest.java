package app.meetingbridge.zulip;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.zulip.ZulipMessage.Topic;
import app.meetingbridge.zulip.ZulipMessage.Transcript;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZulipMessageTest {

    static final Transcript TRANSCRIPT = new Transcript("t-1", "Weekly sync", Instant.parse("2025-03-04T09:15:00Z"),
            3_725_400L, "We agreed on the plan.", List.of(new Topic(0, "Opening"), new Topic(75.9, "The plan"),
            new Topic(3_700, "Wrap-up")));

    @Test
    void writesTheMessageAsReflectorDoes() {
        assertThat(ZulipMessage.compose(TRANSCRIPT, "https://reflector.example/", true)).isEqualTo("""
                # Reflector – Weekly sync

                **Date**: <time:2025-03-04T09:15:00+00:00>
                **Link**: [reflector.example](https://reflector.example/transcripts/t-1)
                **Duration**: 1:02:05

                ```spoiler Summary
                We agreed on the plan.
                ```

                ```spoiler Topics
                1. [00:00] Opening
                1. [01:15] The plan
                1. [1:01:40] Wrap-up
                ```

                -----
                """);
    }

    @Test
    void leavesTheTopicsOutUnlessAsked() {
        String message = ZulipMessage.compose(TRANSCRIPT, "http://localhost:3000", false);
        assertThat(message).doesNotContain("spoiler Topics").contains("[localhost:3000](http://localhost:3000/transcripts/t-1)");
    }

    @Test
    void namesWhatIsMissing() {
        Transcript bare = new Transcript("t-2", null, Instant.parse("2025-03-04T09:15:00.123456789Z"), null, "",
                List.of());
        assertThat(ZulipMessage.compose(bare, "http://localhost:3000", true))
                .contains("# Reflector – Unnamed recording\n")
                .contains("<time:2025-03-04T09:15:00.123456+00:00>")
                .contains("**Duration**: 00:00\n")
                .contains("```spoiler Summary\nNo summary available\n```")
                .doesNotContain("spoiler Topics");
    }

    @Test
    void showsLengthsAsReflectorDoes() {
        assertThat(ZulipMessage.clock(0)).isEqualTo("00:00");
        assertThat(ZulipMessage.clock(59)).isEqualTo("00:59");
        assertThat(ZulipMessage.clock(3_600)).isEqualTo("1:00:00");
        assertThat(ZulipMessage.clock(12 * 3_600 + 5)).isEqualTo("12:00:05");
        assertThat(ZulipMessage.clock(86_400 + 5)).isEqualTo("1 day, 0:00:05");
        assertThat(ZulipMessage.clock(2 * 86_400)).isEqualTo("2 days, 0:00:00");
    }

    @Test
    void readsTopicsFromTheTranscriptColumn() {
        assertThat(ZulipMessage.topicsOf("""
                [{"id":"a","title":"Opening","summary":"s","timestamp":12.5,"words":[]},{"title":"No time"}]"""))
                .containsExactly(new Topic(12.5, "Opening"), new Topic(0, "No time"));
    }
}
