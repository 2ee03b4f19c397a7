package app.meetingbridge.recordings.recording;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A step of a recording failed; counted on its row. {@code retryIn} is when to try again, null when not to. */
final class RecordingFailed extends RuntimeException {

    private final Recording recording;
    private final @Nullable Duration retryIn;

    RecordingFailed(Recording recording, RuntimeException cause, @Nullable Duration retryIn) {
        super(cause.getMessage(), cause);
        this.recording = recording;
        this.retryIn = retryIn;
    }

    Recording recording() {
        return recording;
    }

    @Nullable Duration retryIn() {
        return retryIn;
    }
}
