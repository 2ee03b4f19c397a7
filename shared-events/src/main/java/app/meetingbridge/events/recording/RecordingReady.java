package app.meetingbridge.events.recording;

import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A finished recording sits in a provider bucket, ready to fetch ({@code recording.ready}). {@code objectKeys}
 * holds the one composed file of a cloud recording, or one object per participant track of a raw-tracks one.
 */
public record RecordingReady(String eventId, Instant occurredAt, Platform platform, String providerRecordingId,
                             @Nullable String meetingId, Kind kind, String bucket, List<String> objectKeys,
                             Instant recordedAt) {

    public RecordingReady {
        objectKeys = List.copyOf(objectKeys);
    }

    public enum Kind {
        CLOUD("cloud"),
        RAW_TRACKS("raw-tracks");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
