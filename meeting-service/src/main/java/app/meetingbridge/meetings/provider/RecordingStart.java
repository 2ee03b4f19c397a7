package app.meetingbridge.meetings.provider;

/** The outcome of a recording start: started now, or already running under the given instance. */
public record RecordingStart(Status status, String instanceId) {

    public enum Kind { CLOUD, RAW_TRACKS }

    public enum Status { STARTED, ALREADY_ACTIVE }
}
