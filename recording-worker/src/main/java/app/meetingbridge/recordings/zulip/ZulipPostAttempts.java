package app.meetingbridge.recordings.zulip;

import app.meetingbridge.events.recording.TranscriptCompleted;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@code transcript.completed} messages the Zulip post takes, and when it tries again; the rules alone, no
 * broker. Our retries carry the attempt in the message and the header {@value ZulipPostListener#RETRY}; a message
 * of a later attempt without that header is the room webhook's retry (published to the same routing key), not ours:
 * this consumer already had the first.
 */
final class ZulipPostAttempts {

    private final ZulipPostProperties retry;

    ZulipPostAttempts(ZulipPostProperties retry) {
        this.retry = retry;
    }

    static boolean ours(TranscriptCompleted event, Map<String, Object> headers) {
        return event.attempt() == 1 || headers.containsKey(ZulipPostListener.RETRY);
    }

    /**
     * The pause before the next attempt after {@code attempt} found Zulip unavailable; empty once the attempts are
     * spent (the post is given up).
     */
    Optional<Duration> retryAfter(int attempt) {
        return attempt >= retry.maxAttempts() ? Optional.empty() : Optional.of(retry.pauseAfter(attempt));
    }
}
