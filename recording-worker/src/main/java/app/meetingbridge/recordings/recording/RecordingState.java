package app.meetingbridge.recordings.recording;

import java.time.Duration;

/**
 * {@code discovered → fetching → fetched → processing → done}, or {@code failed} with attempts and the time of
 * the next one. A step runs only from the state before it, so a redelivered message does not repeat a step.
 */
enum RecordingState {
    DISCOVERED, FETCHING, FETCHED, PROCESSING, DONE, FAILED;

    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static RecordingState of(String wireName) {
        return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether the fetch still has to run: not once the objects are in the transcript storage. */
    boolean needsFetch() {
        return this == DISCOVERED || this == FETCHING || this == FAILED;
    }

    /** The pause before attempt {@code attempts + 1}: 30 s doubling, at most an hour. */
    static Duration backoff(int attempts) {
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(attempts, 20));
        return pause.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause;
    }
}
