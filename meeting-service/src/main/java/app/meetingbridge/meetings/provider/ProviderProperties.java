package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Platform settings: {@code DEFAULT_VIDEO_PLATFORM}, {@code DAILY_MIGRATION_ENABLED},
 * {@code DAILY_MIGRATION_ROOM_IDS} (comma-separated room ids).
 */
@ConfigurationProperties("app.providers")
public record ProviderProperties(Platform defaultPlatform, boolean dailyMigrationEnabled,
                                 Set<String> dailyMigrationRoomIds) {

    public ProviderProperties {
        dailyMigrationRoomIds = dailyMigrationRoomIds == null ? Set.of() : Set.copyOf(dailyMigrationRoomIds);
    }

    public PlatformChoice platformChoice() {
        return new PlatformChoice(dailyMigrationEnabled, dailyMigrationRoomIds);
    }
}
