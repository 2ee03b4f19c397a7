package app.meetingbridge.roomwebhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reflector's room webhook signature, which receivers written for Reflector check:
 * {@code X-Webhook-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret as UTF-8, "{t}.{body}")}}.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Webhook-Signature";

    private WebhookSignature() {
    }

    /** The header's value for {@code body} sent at {@code seconds} (unix time). */
    public static String of(String secret, long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
