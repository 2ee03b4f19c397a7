package app.meetingbridge.events.meeting;

import java.time.Instant;

/** A meeting was created on a provider ({@code meeting.created}). */
public record MeetingCreated(String eventId, Instant occurredAt, String meetingId, String roomId, Platform platform,
                             String providerRoomName, Instant endDate) {
}
