package app.meetingbridge.gateway.room;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;
import org.jspecify.annotations.Nullable;

/** Everything an owner sets on a room (reflector-behaviour §1.1), with Reflector's defaults. */
public record RoomSettings(String name, boolean zulipAutoPost, String zulipStream, String zulipTopic, boolean isLocked,
                           String roomMode, String recordingType, String recordingTrigger, boolean isShared,
                           @Nullable String webhookUrl, @Nullable String webhookSecret, @Nullable String icsUrl,
                           int icsFetchInterval, boolean icsEnabled, Platform platform, boolean skipConsent) {

    static RoomSettings defaults(String name, Platform platform) {
        return new RoomSettings(name, false, "", "", false, "normal", "cloud", "automatic-2nd-participant", false,
                null, null, null, 300, false, platform, false);
    }

    /** The settings a new meeting of this room gets, its platform chosen by {@code choice}. */
    public MeetingSettings forNewMeeting(String roomId, PlatformChoice choice) {
        return new MeetingSettings(isLocked, roomMode, recordingType, recordingTrigger,
                choice.forNewMeeting(roomId, platform));
    }
}
