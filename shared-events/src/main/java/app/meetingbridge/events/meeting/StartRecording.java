package app.meetingbridge.events.meeting;

/**
 * Request ({@code meeting.start-recording}): start a cloud or raw-tracks recording of the meeting's room.
 * Answered with a {@link CommandReply}: {@code OK} or {@code ALREADY_ACTIVE}, the value being the instance id.
 */
public record StartRecording(String requestId, String meetingId, Kind kind) {

    public enum Kind { CLOUD, RAW_TRACKS }
}
