package app.meetingbridge.recordings.zulip;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.recording.TranscriptCompleted;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZulipPostAttemptsTest {

    private final ZulipPostAttempts attempts = new ZulipPostAttempts(
            new ZulipPostProperties(Duration.ofMinutes(1), Duration.ofMinutes(3), 4));

    @Test
    void takesTheFirstCompletionAndItsOwnRetriesButNotTheRoomWebhooks() {
        TranscriptCompleted first = new TranscriptCompleted("e-1", java.time.Instant.EPOCH, "t-1", "room-1", 1);
        TranscriptCompleted later = first.nextAttempt();

        assertThat(ZulipPostAttempts.ours(first, Map.of())).isTrue();
        assertThat(ZulipPostAttempts.ours(later, Map.of(ZulipPostListener.RETRY, 2))).isTrue();
        assertThat(ZulipPostAttempts.ours(later, Map.of())).isFalse();
    }

    @Test
    void triesAgainAfterAPauseDoublingUpToTheLongestThenGivesUp() {
        assertThat(attempts.retryAfter(1)).hasValue(Duration.ofMinutes(1));
        assertThat(attempts.retryAfter(2)).hasValue(Duration.ofMinutes(2));
        assertThat(attempts.retryAfter(3)).hasValue(Duration.ofMinutes(3));
        assertThat(attempts.retryAfter(4)).isEmpty();
    }
}
