package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import java.util.List;

/** A bucket a provider records into, listed to find the recordings no event announced. */
public interface RecordingBucket {

    Platform platform();

    String bucket();

    /**
     * The recordings (media objects) written at or after {@code since}, oldest first.
     *
     * @throws ProviderUnavailableException when the bucket cannot be listed
     */
    List<StoredRecording> recordingsSince(Instant since);
}
