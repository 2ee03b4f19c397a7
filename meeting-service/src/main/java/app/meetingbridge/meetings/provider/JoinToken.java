package app.meetingbridge.meetings.provider;

import java.time.Instant;

/** A request for a join token: who joins which room, as owner or not, until when, with which recording UI. */
public record JoinToken(String providerRoomName, String userId, boolean owner, boolean recordingUi, Instant expiresAt) {
}
