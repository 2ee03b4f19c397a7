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

    /** The longest event id the inbox holds ({@code webhook_inbox.event_id varchar(255)}). */
    static final int MAX_EVENT_ID = 255;
    /** The longest event type the inbox holds ({@code webhook_inbox.event_type varchar(128)}). */
    static final int MAX_TYPE = 128;

    /**
     * The envelope's {@code id}, or, for an event without one, an id derived from its bytes (so redeliveries
     * dedupe). An id longer than the inbox holds is replaced by a hash of it ({@link Hmac#longId}): the same id
     * always gets the same hash, so its redeliveries still dedupe, and the id itself stays in the stored body.
     */
    public static String eventId(JsonNode root, byte[] body) {
        String id = text(root, "id");
        if (id == null) {
            return Hmac.bodyId(body);
        }
        return id.length() > MAX_EVENT_ID ? Hmac.longId(id) : id;
    }

    /**
     * The envelope's {@code type}, or {@code unknown}. A type longer than the inbox holds is none we act on, so
     * its event is kept and acknowledged like any other such event, under the type's first {@value #MAX_TYPE}
     * characters (the whole type stays in the stored body).
     */
    public static String type(JsonNode root) {
        String type = text(root, "type");
        if (type == null) {
            return "unknown";
        }
        if (type.length() <= MAX_TYPE) {
            return type;
        }
        int end = Character.isHighSurrogate(type.charAt(MAX_TYPE - 1)) ? MAX_TYPE - 1 : MAX_TYPE;
        return type.substring(0, end);
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
