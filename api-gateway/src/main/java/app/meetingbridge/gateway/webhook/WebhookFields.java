package app.meetingbridge.gateway.webhook;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reading fields of provider webhooks leniently: what both providers' events need alike. */
public final class WebhookFields {

    private WebhookFields() {
    }

    /** The field as text (a number or object as its JSON), or null when missing or null. */
    public static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }

    /** The envelope's {@code id}, or, for an event without one, an id derived from its bytes (so redeliveries dedupe). */
    public static String eventId(JsonNode root, byte[] body) {
        String id = text(root, "id");
        return id != null ? id : Hmac.bodyId(body);
    }

    /** The envelope's {@code type}, or {@code unknown}. */
    public static String type(JsonNode root) {
        String type = text(root, "type");
        return type != null ? type : "unknown";
    }

    /**
     * The verified body with every JSON escape for U+0000 (backslash, {@code u0000}) turned into one for U+FFFD:
     * PostgreSQL's {@code jsonb} and {@code text} cannot hold U+0000, and a display name carrying one must not
     * make a provider's event impossible to store (it would be retried until the provider disables the webhook).
     */
    public static byte[] storable(byte[] body) {
        byte[] out = null;
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && isNulEscape(body, i + 1) && escapes(body, i)) {
                if (out == null) {
                    out = body.clone();
                }
                out[i + 2] = 'f';
                out[i + 3] = 'f';
                out[i + 4] = 'f';
                out[i + 5] = 'd';
            }
        }
        return out == null ? body : out;
    }

    private static boolean isNulEscape(byte[] body, int at) {
        return body[at] == 'u' && body[at + 1] == '0' && body[at + 2] == '0' && body[at + 3] == '0'
                && body[at + 4] == '0';
    }

    /** Whether the backslash at {@code at} starts an escape (it is not itself escaped by an odd run before it). */
    private static boolean escapes(byte[] body, int at) {
        int run = 0;
        for (int i = at - 1; i >= 0 && body[i] == '\\'; i--) {
            run++;
        }
        return run % 2 == 0;
    }
}
