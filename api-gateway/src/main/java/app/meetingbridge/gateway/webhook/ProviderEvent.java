package app.meetingbridge.gateway.webhook;

import org.jspecify.annotations.Nullable;

/**
 * A verified provider webhook, read: the provider's event id and type, the body as received, and the message
 * it becomes on our side (none for types we keep but do not act on).
 */
public record ProviderEvent(String eventId, String type, String body, @Nullable Object message,
                            @Nullable String routingKey) {

    public static ProviderEvent keptOnly(String eventId, String type, String body) {
        return new ProviderEvent(eventId, type, body, null, null);
    }
}
