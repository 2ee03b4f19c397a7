package app.meetingbridge.gateway.auth;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How API keys are stored: with {@code API_KEY_PEPPER} set, a key's hash is HMAC-SHA256 keyed with it, so a copy
 * of the database alone cannot even confirm a guessed key; without it, plain SHA-256. Changing the pepper makes
 * every existing key invalid.
 */
@ConfigurationProperties("app.api-keys")
record ApiKeyProperties(@Nullable String pepper) {

    static final int MIN_PEPPER_LENGTH = 32;

    ApiKeyProperties {
        if (pepper != null && pepper.isBlank()) {
            pepper = null;
        }
        if (pepper != null && pepper.length() < MIN_PEPPER_LENGTH) {
            throw new IllegalStateException("API_KEY_PEPPER must be at least " + MIN_PEPPER_LENGTH
                    + " characters (a random secret), or unset");
        }
    }
}
