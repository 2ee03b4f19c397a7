package app.meetingbridge.meetings.provider.daily;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code DAILY_WEBHOOK_URL}: the webhook Daily is expected to call, whose health is checked (empty: not checked). */
@ConfigurationProperties("app.lifecycle")
record DailyWebhookHealthProperties(String dailyWebhookUrl) {
}
