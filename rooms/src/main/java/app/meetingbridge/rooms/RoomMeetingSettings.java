package app.meetingbridge.rooms;

import app.meetingbridge.db.tables.records.RoomRecord;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;

/**
 * What a room's owner set that its meetings are made with: whether they are locked, their mode, how and when they
 * are recorded, and the platform the room is on.
 */
public record RoomMeetingSettings(String roomId, boolean isLocked, String roomMode, String recordingType,
                                  String recordingTrigger, Platform platform) {

    /** The settings of the room as its row holds them. */
    public static RoomMeetingSettings of(RoomRecord room) {
        return new RoomMeetingSettings(room.getId(), room.getIsLocked(), room.getRoomMode(), room.getRecordingType(),
                room.getRecordingTrigger(), Platform.of(room.getPlatform()));
    }

    /**
     * The settings a new meeting of this room gets now: the room's own, on the platform {@code choice} picks for it
     * (the room's platform, unless the Daily migration moves this room to Daily).
     */
    public MeetingSettings forNewMeeting(PlatformChoice choice) {
        return new MeetingSettings(isLocked, roomMode, recordingType, recordingTrigger,
                choice.forNewMeeting(roomId, platform));
    }
}
