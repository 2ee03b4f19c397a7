package app.meetingbridge.gateway.room;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code DEFAULT_VIDEO_PLATFORM} (the platform of new rooms), the Daily migration flags
 * ({@code DAILY_MIGRATION_ENABLED}, {@code DAILY_MIGRATION_ROOM_IDS}), which must be the same as meeting-service's,
 * and the providers' API keys ({@code app.providers.daily.api-key}, {@code app.providers.whereby.api-key}: the
 * names meeting-service reads them by).
 */
@ConfigurationProperties("app.providers")
public record PlatformProperties(Platform defaultPlatform, boolean dailyMigrationEnabled,
                                 Set<String> dailyMigrationRoomIds, @Nullable Provider daily,
                                 @Nullable Provider whereby) {

    public PlatformProperties {
        dailyMigrationRoomIds = dailyMigrationRoomIds == null ? Set.of() : Set.copyOf(dailyMigrationRoomIds);
        daily = daily == null ? new Provider(null) : daily;
        whereby = whereby == null ? new Provider(null) : whereby;
    }

    /** A provider's settings the gateway reads: whether its API key is set. */
    public record Provider(@Nullable String apiKey) {

        boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "Provider[apiKey=" + (configured() ? "(set)" : "unset") + "]";
        }
    }

    /**
     * Whether this deployment can create meetings on the platform: mock always, Daily and Whereby when their
     * API key is set (the gateway only looks at whether it is set; meeting-service uses it).
     */
    public boolean configured(Platform platform) {
        return switch (platform) {
            case MOCK -> true;
            case DAILY -> daily.configured();
            case WHEREBY -> whereby.configured();
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
