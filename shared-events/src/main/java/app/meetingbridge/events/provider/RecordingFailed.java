package app.meetingbridge.events.provider;

import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The provider reported a recording error ({@code recording.failed}). */
public record RecordingFailed(String eventId, Instant occurredAt, Platform platform, @Nullable String providerRoomName,
                              @Nullable String instanceId, String error, Instant at) {
}
