package app.meetingbridge.recordings.recording;

/**
 * {@code discovered → fetching → fetched → processing → done}, or {@code failed} with attempts and the time of
 * the next one. A step runs only from the state before it, so a redelivered message does not repeat a step.
 */
enum RecordingState {
    DISCOVERED, FETCHING, FETCHED, PROCESSING, DONE, FAILED;

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
}
