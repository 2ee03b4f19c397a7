package app.meetingbridge.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over {@code timestamp + "." + body}, the shape both providers sign, and a constant-time compare. */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sign(byte[] key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable or key unusable", e);
        }
    }

    public static boolean equal(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** An id for an event that carries none: the same body always gets the same id, so redeliveries dedupe. */
    public static String bodyId(byte[] body) {
        return digestId("sha256-", body);
    }

    /**
     * An id for an event whose own id is too long to store: the same id always gets the same one, so
     * redeliveries dedupe; prefixed differently from {@link #bodyId} so the two kinds cannot meet.
     */
    public static String longId(String id) {
        return digestId("sha256-id-", id.getBytes(StandardCharsets.UTF_8));
    }

    private static String digestId(String prefix, byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder hex = new StringBuilder(prefix);
            for (int i = 0; i < 16; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
