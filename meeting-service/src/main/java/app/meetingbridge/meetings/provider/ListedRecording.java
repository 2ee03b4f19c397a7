package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.recording.RecordingReady;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A recording as a provider lists it: where it is in its life, and the objects to fetch once it is finished (the
 * audio tracks of a raw-tracks recording, the one file of a cloud recording).
 */
public record ListedRecording(String id, String roomName, Instant startedAt, State state,
                              @Nullable Integer durationSeconds, RecordingReady.Kind kind, @Nullable String s3Key,
                              List<String> audioKeys) {

    public ListedRecording {
        audioKeys = List.copyOf(audioKeys);
    }

    public enum State {
        /** Still being recorded or uploaded, or finished without its length yet: it is looked at again later. */
        UNFINISHED,
        /** Finished, with everything there is to fetch. */
        FINISHED,
        /** Canceled: it will never have anything to fetch. */
        CANCELED
    }
}
