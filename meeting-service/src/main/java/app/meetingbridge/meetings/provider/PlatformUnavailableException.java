package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;

/** A platform was chosen that this deployment has not configured. */
public class PlatformUnavailableException extends RuntimeException {

    public PlatformUnavailableException(Platform platform) {
        super("Video platform '" + platform.wireName() + "' is not configured in this deployment");
    }
}
