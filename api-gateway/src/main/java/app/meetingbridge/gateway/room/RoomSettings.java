package app.meetingbridge.gateway.room;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.rooms.RoomMeetingSettings;
import org.jspecify.annotations.Nullable;

/** Everything an owner sets on a room, with the defaults Reflector gives a room created without them. */
public record RoomSettings(String name, boolean zulipAutoPost, String zulipStream, String zulipTopic, boolean isLocked,
                           String roomMode, String recordingType, String recordingTrigger, boolean isShared,
                           @Nullable String webhookUrl, @Nullable String webhookSecret, @Nullable String icsUrl,
                           int icsFetchInterval, boolean icsEnabled, Platform platform, boolean skipConsent) {

    static RoomSettings defaults(String name, Platform platform) {
        return new RoomSettings(name, false, "", "", false, "normal", "cloud", "automatic-2nd-participant", false,
                null, null, null, 300, false, platform, false);
    }

    /** What of these settings the room's meetings are made with. */
    public RoomMeetingSettings meetingSettings(String roomId) {
        return new RoomMeetingSettings(roomId, isLocked, roomMode, recordingType, recordingTrigger, platform);
    }
}
