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
}
