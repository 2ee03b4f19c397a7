package app.meetingbridge.events.provider;

import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A participant connected to a provider room ({@code participant.joined}). {@code numClients} is the provider's
 * absolute count where the webhook carries one (Whereby); Daily's count comes from its presence API instead.
 */
public record ParticipantJoined(String eventId, Instant occurredAt, Platform platform, String providerRoomName,
                                @Nullable String providerMeetingId, String sessionId, @Nullable String userId,
                                @Nullable String userName, Instant joinedAt, @Nullable Integer numClients) {
}
