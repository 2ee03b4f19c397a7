package app.meetingbridge.gateway.webhook.whereby;

import app.meetingbridge.gateway.webhook.Hmac;
import app.meetingbridge.gateway.webhook.SignatureCheck;
import app.meetingbridge.gateway.webhook.WebhookTimes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Whereby's signature, as Whereby documents it: {@code Whereby-Signature: t=<unix seconds>,v1=<hex>}, the hex
 * HMAC-SHA256 keyed with the secret as given over {@code t + "." + body}, at most {@code maxAge} old. Checked over
 * the raw bytes first; Whereby's own sample signs {@code JSON.stringify(parsed body)}, so the compact
 * re-serialisation (non-ASCII kept as is) is accepted too.
 */
final class WherebySignature {

    private final byte[] key;
    private final Duration maxAge;

    WherebySignature(String secret, Duration maxAge) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
    }

    SignatureCheck check(@Nullable String header, byte[] body, Supplier<byte @Nullable []> compactBody, Instant now) {
        String timestamp = null;
        String signature = null;
        if (header != null) {
            for (String part : header.split(",")) {
                String[] pair = part.trim().split("=", 2);
                if (pair.length == 2 && pair[0].trim().equals("t")) {
                    timestamp = pair[1].trim();
                } else if (pair.length == 2 && pair[0].trim().equals("v1")) {
                    signature = pair[1].trim().toLowerCase();
                }
            }
        }
        if (timestamp == null || timestamp.isEmpty() || signature == null || signature.isEmpty()) {
            return SignatureCheck.MISSING;
        }
        if (!signedOver(timestamp, signature, body)) {
            byte[] compact = compactBody.get();
            if (compact == null || !signedOver(timestamp, signature, compact)) {
                return SignatureCheck.BAD_SIGNATURE;
            }
        }
        Instant signedAt = WebhookTimes.parse(timestamp);
        if (signedAt == null || Duration.between(signedAt, now).abs().compareTo(maxAge) > 0) {
            return SignatureCheck.STALE;
        }
        return SignatureCheck.VALID;
    }

    private boolean signedOver(String timestamp, String signature, byte[] body) {
        return Hmac.equal(HexFormat.of().formatHex(Hmac.sign(key, timestamp, body)), signature);
    }
}
