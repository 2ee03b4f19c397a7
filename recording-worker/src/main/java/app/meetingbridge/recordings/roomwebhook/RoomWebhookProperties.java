package app.meetingbridge.recordings.roomwebhook;

import app.meetingbridge.messaging.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery of {@code transcript.completed}: the first retry after {@code firstRetry}, each next one after twice
 * the last, at most {@code longestRetry}, {@code maxAttempts} in all (Reflector's: 1 min, 1 h, about a day);
 * {@code timeout} per attempt; {@code uiBaseUrl} makes the transcript's {@code frontend_url} ({@code UI_BASE_URL}).
 */
@ConfigurationProperties("app.room-webhooks")
public record RoomWebhookProperties(Duration firstRetry, Duration longestRetry, int maxAttempts, Duration timeout,
                                    String uiBaseUrl) {

    public RoomWebhookProperties {
        firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofHours(1) : longestRetry;
        maxAttempts = maxAttempts <= 0 ? 30 : maxAttempts;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        uiBaseUrl = uiBaseUrl == null ? "" : uiBaseUrl.replaceAll("/+$", "");
    }

    /** The pause before attempt {@code attempt + 1}. */
    Duration pauseAfter(int attempt) {
        return Backoff.doubling(firstRetry, longestRetry, attempt);
    }
}
