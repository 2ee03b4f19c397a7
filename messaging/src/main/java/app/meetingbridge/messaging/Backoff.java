package app.meetingbridge.messaging;

import java.time.Duration;

/** The pauses of a series of retries: the first, then each twice the last, never more than the longest. */
public final class Backoff {

    private Backoff() {
    }

    /** The pause after failed attempt number {@code attempt} (1 for the first). */
    public static Duration doubling(Duration first, Duration longest, int attempt) {
        Duration pause = first.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 20));
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
