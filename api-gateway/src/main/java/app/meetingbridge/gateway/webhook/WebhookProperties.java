package app.meetingbridge.gateway.webhook;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code DAILY_WEBHOOK_MAX_SKEW} (how far a Daily timestamp may be from now, default 1 h: Daily does not say whether
 * a retry is re-signed, and a valid event refused counts toward Daily disabling the webhook),
 * {@code WHEREBY_WEBHOOK_SECRET} (as given) and {@code WHEREBY_WEBHOOK_MAX_AGE} (Whereby's documented 60 s). The Daily
 * secret itself is {@code app.providers.daily.webhook-secret}; {@code dailySecret} is its deprecated former name, still
 * honoured when the new one is not set.
 */
@ConfigurationProperties("app.webhooks")
public record WebhookProperties(@Deprecated @Nullable String dailySecret, Duration dailyMaxSkew, String wherebySecret,
                                Duration wherebyMaxAge) {

    @Override
    public String toString() {
        return "WebhookProperties[dailyMaxSkew=" + dailyMaxSkew + ", wherebyMaxAge=" + wherebyMaxAge + "]";
    }
}
