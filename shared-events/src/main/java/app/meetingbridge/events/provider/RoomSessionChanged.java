package app.meetingbridge.events.provider;

import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A session in a provider room started or ended ({@code room.session-changed}): Daily meeting.*, Whereby room.session.*. */
public record RoomSessionChanged(String eventId, Instant occurredAt, Platform platform, String providerRoomName,
                                 @Nullable String providerMeetingId, @Nullable String sessionId, boolean started,
                                 Instant at) {
}
