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
        if (!byPlatform.containsKey(properties.defaultPlatform())) {
            throw new IllegalStateException("DEFAULT_VIDEO_PLATFORM=" + properties.defaultPlatform().wireName()
                    + " but that provider is not configured; configured: " + configured());
        }
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
