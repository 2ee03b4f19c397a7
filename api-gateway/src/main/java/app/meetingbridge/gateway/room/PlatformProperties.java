package app.meetingbridge.gateway.room;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code DEFAULT_VIDEO_PLATFORM} (the platform of new rooms) and the Daily migration flags
 * ({@code DAILY_MIGRATION_ENABLED}, {@code DAILY_MIGRATION_ROOM_IDS}), which must be the same as meeting-service's.
 */
@ConfigurationProperties("app.providers")
public record PlatformProperties(Platform defaultPlatform, boolean dailyMigrationEnabled,
                                 Set<String> dailyMigrationRoomIds) {

    public PlatformProperties {
        dailyMigrationRoomIds = dailyMigrationRoomIds == null ? Set.of() : Set.copyOf(dailyMigrationRoomIds);
    }

    public PlatformChoice platformChoice() {
        return new PlatformChoice(dailyMigrationEnabled, dailyMigrationRoomIds);
    }
}
