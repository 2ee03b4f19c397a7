package app.meetingbridge.gateway.webhook.daily;

import app.meetingbridge.gateway.webhook.Hmac;
import app.meetingbridge.gateway.webhook.SignatureCheck;
import app.meetingbridge.gateway.webhook.WebhookTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Daily's webhook signature, as Daily documents it: base64 of HMAC-SHA256, keyed with the base64-decoded
 * secret, over {@code X-Webhook-Timestamp + "." + raw body}, in {@code X-Webhook-Signature}; plus our window
 * on the timestamp.
 */
final class DailySignature {

    private final byte[] key;
    private final Duration maxSkew;

    DailySignature(String secretBase64, Duration maxSkew) {
        try {
            this.key = Base64.getDecoder().decode(secretBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("DAILY_WEBHOOK_SECRET is not base64 (it is the hmac registered with Daily)", e);
        }
        this.maxSkew = maxSkew;
    }

    SignatureCheck check(@Nullable String timestamp, @Nullable String signature, byte[] body, Instant now) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return SignatureCheck.MISSING;
        }
        String expected = Base64.getEncoder().encodeToString(Hmac.sign(key, timestamp.trim(), body));
        if (!Hmac.equal(expected, signature.trim())) {
            return SignatureCheck.BAD_SIGNATURE;
        }
        Instant signedAt = WebhookTimes.parse(timestamp);
        if (signedAt == null || Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
            return SignatureCheck.STALE;
        }
        return SignatureCheck.VALID;
    }
}
