package app.meetingbridge.events.meeting;

/**
 * The room settings a meeting is created with and keeps as a snapshot. An active meeting is reused only while
 * its snapshot equals what a new meeting would get: locked or not, room mode,
 * recording type and trigger, and platform, as Reflector compares them.
 */
public record MeetingSettings(boolean isLocked, String roomMode, String recordingType, String recordingTrigger,
                              Platform platform) {
}
