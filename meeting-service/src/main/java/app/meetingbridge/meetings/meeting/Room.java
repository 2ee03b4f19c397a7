package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;

/** The part of a room that meeting creation reads. */
record Room(String id, String name, boolean isLocked, String roomMode, String recordingType, String recordingTrigger,
            Platform platform) {

    /** The settings a new meeting of this room gets now, its platform chosen by {@code choice}. */
    MeetingSettings settingsForNewMeeting(PlatformChoice choice) {
        return new MeetingSettings(isLocked, roomMode, recordingType, recordingTrigger,
                choice.forNewMeeting(id, platform));
    }
}
