package app.meetingbridge.events.provider;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The provider finished writing a recording to its bucket ({@code recording.finished}): the composed file of a
 * cloud recording ({@code s3Key}) or one object per participant track ({@code trackKeys}). meeting-service links
 * it to its meeting and announces it as {@code recording.ready}.
 */
public record RecordingFinished(String eventId, Instant occurredAt, Platform platform, String providerRoomName,
                                String providerRecordingId, RecordingReady.Kind kind, Instant startedAt,
                                @Nullable Integer durationSeconds, @Nullable String s3Key, List<String> trackKeys) {

    public RecordingFinished {
        trackKeys = List.copyOf(trackKeys);
    }
}
