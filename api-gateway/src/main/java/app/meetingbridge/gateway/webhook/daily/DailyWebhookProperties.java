package app.meetingbridge.gateway.webhook.daily;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret Daily signs its webhooks with ({@code DAILY_WEBHOOK_SECRET}, base64, the {@code hmac} the webhook is
 * registered with), under the same name meeting-service reads it by, {@code app.providers.daily.webhook-secret}.
 * Empty: Daily webhooks are refused.
 */
@ConfigurationProperties("app.providers.daily")
record DailyWebhookProperties(String webhookSecret) {

    DailyWebhookProperties {
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
    }

    @Override
    public String toString() {
        return "DailyWebhookProperties[webhookSecret=" + (webhookSecret.isBlank() ? "unset" : "set") + "]";
    }
}
