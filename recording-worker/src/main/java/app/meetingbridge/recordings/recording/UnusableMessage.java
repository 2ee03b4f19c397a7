package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.recording.RecordingReady;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message no attempt can take: it is not JSON of its kind, lacks what the recording needs, or is larger than any
 * real recording (more objects, or longer names, than S3 and the {@code recording} table allow). It goes to the
 * dead-letter queue at once, with the reason, instead of being tried again.
 */
final class UnusableMessage extends RuntimeException {

    /** More objects than a raw-tracks recording of a very large meeting has (an audio and a video track each). */
    static final int MAX_OBJECTS = 1000;
    /** S3's own limit on a key. */
    static final int MAX_KEY_LENGTH = 1024;
    /** The {@code recording} table's columns for the provider's id and the bucket. */
    static final int MAX_NAME_LENGTH = 255;

    UnusableMessage(String reason, @Nullable Throwable cause) {
        super(reason, cause);
    }

    /** Throws when the announcement cannot make a recording, saying every reason at once. */
    static void check(RecordingReady ready) {
        List<String> problems = new ArrayList<>();
        if (ready.platform() == null) {
            problems.add("no platform");
        }
        if (ready.kind() == null) {
            problems.add("no kind");
        }
        if (ready.recordedAt() == null) {
            problems.add("no recordedAt");
        }
        name("providerRecordingId", ready.providerRecordingId(), problems);
        name("bucket", ready.bucket(), problems);
        if (ready.objectKeys().size() > MAX_OBJECTS) {
            problems.add(ready.objectKeys().size() + " objects, more than " + MAX_OBJECTS);
        } else {
            for (String key : ready.objectKeys()) {
                if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                    problems.add("an object key that is empty or longer than " + MAX_KEY_LENGTH + " characters");
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UnusableMessage("recording.ready " + ready.providerRecordingId() + ": "
                    + String.join(", ", problems), null);
        }
    }

    private static void name(String field, @Nullable String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add("no " + field);
        } else if (value.length() > MAX_NAME_LENGTH) {
            problems.add(field + " longer than " + MAX_NAME_LENGTH + " characters");
        }
    }
}
