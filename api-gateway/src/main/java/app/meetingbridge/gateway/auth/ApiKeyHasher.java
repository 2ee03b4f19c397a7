package app.meetingbridge.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Makes API keys and the hashes stored in their place. A key is {@value #PREFIX} and 32 random bytes in URL-safe
 * base64: 256 bits nobody can guess, so one fast hash (SHA-256, or HMAC-SHA256 with a pepper) is as strong as a
 * slow password hash would be, and checking a key costs microseconds per request.
 */
final class ApiKeyHasher {

    static final String PREFIX = "mbk_";
    private static final int KEY_BYTES = 32;
    private static final int KEY_LENGTH = PREFIX.length() + 43; // 32 bytes, base64 without padding
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte @Nullable [] pepper;

    ApiKeyHasher(@Nullable String pepper) {
        this.pepper = pepper == null ? null : pepper.getBytes(StandardCharsets.UTF_8);
    }

    static String newKey() {
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Whether {@code candidate} could be one of our keys at all (so no lookup is spent on anything else). */
    static boolean isWellFormed(String candidate) {
        return candidate.length() == KEY_LENGTH && candidate.startsWith(PREFIX)
                && candidate.chars().skip(PREFIX.length()).allMatch(ApiKeyHasher::isBase64Url);
    }

    /** The stored form of {@code key}: 64 hex digits. */
    String hash(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        try {
            if (pepper == null) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
