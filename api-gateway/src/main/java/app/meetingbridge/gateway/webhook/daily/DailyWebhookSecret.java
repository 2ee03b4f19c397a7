package app.meetingbridge.gateway.webhook.daily;

import org.jspecify.annotations.Nullable;

/**
 * Which Daily webhook secret applies: the one set under its name, {@code app.providers.daily.webhook-secret}, or else
 * the one still set under the name it had before, {@code app.webhooks.daily-secret}, which is deprecated.
 */
record DailyWebhookSecret(String value, boolean fromDeprecatedName) {

    static final String NAME = "app.providers.daily.webhook-secret";
    static final String DEPRECATED_NAME = "app.webhooks.daily-secret";

    static DailyWebhookSecret choose(String current, @Nullable String deprecated) {
        if (!current.isBlank() || deprecated == null || deprecated.isBlank()) {
            return new DailyWebhookSecret(current, false);
        }
        return new DailyWebhookSecret(deprecated, true);
    }

    boolean isSet() {
        return !value.isBlank();
    }

    @Override
    public String toString() {
        return "DailyWebhookSecret[" + (isSet() ? "set" : "unset") + (fromDeprecatedName ? ", deprecated name" : "") + "]";
    }
}
