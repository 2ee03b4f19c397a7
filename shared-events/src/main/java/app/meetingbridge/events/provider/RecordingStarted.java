package app.meetingbridge.events.provider;

import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The provider started a recording ({@code recording.started}); {@code instanceId} is ours when we started it. */
public record RecordingStarted(String eventId, Instant occurredAt, Platform platform, @Nullable String providerRoomName,
                               String providerRecordingId, @Nullable String instanceId, Instant startedAt) {
}
