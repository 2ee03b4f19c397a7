package app.meetingbridge.meetings.provider.mock;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code MOCK_ROOM_BASE_URL}: where the gateway serves mock rooms as plain pages. */
@ConfigurationProperties("app.providers.mock")
public record MockProperties(URI roomBaseUrl) {
}
