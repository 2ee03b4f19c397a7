package app.meetingbridge.events.meeting;

/**
 * Request ({@code meeting.join-token}): a provider token that lets this user join the meeting, where its
 * provider uses tokens (Daily). Answered with a {@link CommandReply} whose value is the token (absent for
 * providers without tokens).
 */
public record IssueJoinToken(String requestId, String meetingId, String userId, boolean owner, boolean recordingUi) {
}
