package app.meetingbridge.events.meeting;

/**
 * Request ({@code meeting.deactivate}): mark the meeting inactive and delete its provider room. Idempotent.
 * Answered with a {@link CommandReply}.
 */
public record DeactivateMeeting(String requestId, String meetingId) {
}
