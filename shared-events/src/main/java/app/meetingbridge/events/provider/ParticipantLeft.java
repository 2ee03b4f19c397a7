package app.meetingbridge.events.provider;

import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A participant's connection to a provider room ended ({@code participant.left}). */
public record ParticipantLeft(String eventId, Instant occurredAt, Platform platform, String providerRoomName,
                              @Nullable String providerMeetingId, String sessionId, @Nullable String userId,
                              @Nullable String userName, Instant leftAt, @Nullable Integer numClients) {
}
