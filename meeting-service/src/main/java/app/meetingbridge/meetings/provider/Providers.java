package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The configured video providers by platform. Each comes wrapped so that every call is timed and counted as
 * {@code provider.requests{platform, operation, outcome}}.
 */
@Component
public class Providers {

    private final Map<Platform, VideoProvider> byPlatform = new EnumMap<>(Platform.class);

    Providers(List<VideoProvider> providers, ProviderProperties properties, MeterRegistry registry) {
        providers.forEach(provider -> byPlatform.put(provider.platform(), new MeteredVideoProvider(provider, registry)));
        requireConfigured(properties.defaultPlatform(), "DEFAULT_VIDEO_PLATFORM=" + properties.defaultPlatform().wireName());
    }

    /** Stops start-up with one line naming the setting that enables {@code platform}, unless it is configured. */
    public void requireConfigured(Platform platform, String neededBy) {
        if (!byPlatform.containsKey(platform)) {
            throw new IllegalStateException(neededBy + " needs the " + platform.wireName() + " provider, which is not "
                    + "configured: set " + enablingSetting(platform) + " (configured: " + configured() + ")");
        }
    }

    private static String enablingSetting(Platform platform) {
        return switch (platform) {
            case DAILY -> "DAILY_API_KEY";
            case WHEREBY -> "WHEREBY_API_KEY";
            case MOCK -> "nothing (mock is built in)";
        };
    }

    /** The provider for a platform; fails with {@link PlatformUnavailableException} when it is not configured. */
    public VideoProvider forPlatform(Platform platform) {
        VideoProvider provider = byPlatform.get(platform);
        if (provider == null) {
            throw new PlatformUnavailableException(platform);
        }
        return provider;
    }

    public List<String> configured() {
        return byPlatform.keySet().stream().map(Platform::wireName).toList();
    }
}
