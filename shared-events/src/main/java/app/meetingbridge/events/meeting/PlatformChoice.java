package app.meetingbridge.events.meeting;

import java.util.Set;

/**
 * Which platform a <em>new</em> meeting of a room gets: the room's stored platform, except that
 * while the Daily migration is on, the listed rooms get Daily. Both the gateway (to judge whether an active
 * meeting can be reused) and meeting-service (to create one) apply this same rule.
 */
public record PlatformChoice(boolean dailyMigrationEnabled, Set<String> dailyMigrationRoomIds) {

    public PlatformChoice {
        dailyMigrationRoomIds = Set.copyOf(dailyMigrationRoomIds);
    }

    public static PlatformChoice roomPlatformOnly() {
        return new PlatformChoice(false, Set.of());
    }

    public Platform forNewMeeting(String roomId, Platform roomPlatform) {
        if (dailyMigrationEnabled && dailyMigrationRoomIds.contains(roomId)) {
            return Platform.DAILY;
        }
        return roomPlatform;
    }
}
