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
                                 Set<String> dailyMigrationRoomIds, String dailyApiKey, String wherebyApiKey) {

    public PlatformProperties {
        dailyMigrationRoomIds = dailyMigrationRoomIds == null ? Set.of() : Set.copyOf(dailyMigrationRoomIds);
        dailyApiKey = dailyApiKey == null ? "" : dailyApiKey;
        wherebyApiKey = wherebyApiKey == null ? "" : wherebyApiKey;
    }

    /**
     * Whether this deployment can create meetings on the platform: mock always, Daily and Whereby when their
     * API key is set (the gateway only looks at whether it is set; meeting-service uses it).
     */
    public boolean configured(Platform platform) {
        return switch (platform) {
            case MOCK -> true;
            case DAILY -> !dailyApiKey.isBlank();
            case WHEREBY -> !wherebyApiKey.isBlank();
        };
    }

    @Override
    public String toString() {
        return "PlatformProperties[defaultPlatform=" + defaultPlatform + ", dailyMigrationEnabled="
                + dailyMigrationEnabled + ", dailyMigrationRoomIds=" + dailyMigrationRoomIds + "]";
    }

    public PlatformChoice platformChoice() {
        return new PlatformChoice(dailyMigrationEnabled, dailyMigrationRoomIds);
    }
}
