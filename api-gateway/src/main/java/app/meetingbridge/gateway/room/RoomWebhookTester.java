package app.meetingbridge.gateway.room;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.room.RoomSchemas.WebhookTestResult;
import app.meetingbridge.gateway.web.RateLimitProperties;
import app.meetingbridge.gateway.web.RateLimits;
import app.meetingbridge.outbound.OutboundGuard;
import app.meetingbridge.roomwebhooks.RoomWebhookDeliveryRepository;
import app.meetingbridge.roomwebhooks.RoomWebhookSender;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Delivery;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Errors;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Outgoing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/rooms/{room_id}/webhook/test}: sends the {@code test} event to the room's webhook URL now and
 * says how it went ({@code {success, message, error, status_code, response_preview}}, as Reflector answers it),
 * signed, sent through the outbound guard and recorded in {@code room_webhook_delivery} like every room webhook
 * ({@link RoomWebhookSender}).
 * <p>
 * An internal address, unless allow-listed, is refused when the connection is made, and each user may test only so
 * often ({@code RATE_LIMIT_WEBHOOK_TEST}), so the endpoint cannot be used to scan a network. Its errors say what
 * happened in general words ("not allowed", "could not connect", "timed out") and never describe the network behind
 * the URL.
 */
@Component
class RoomWebhookTester implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoomWebhookTester.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Reflector shows the first 200 characters of the receiver's answer. */
    private static final int PREVIEW = 200;

    private final RoomWebhookSender sender;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RateLimits limits;

    RoomWebhookTester(RoomWebhookDeliveryRepository deliveries, OutboundGuard outbound, RateLimitProperties rates,
                      Clock clock) {
        this.sender = new RoomWebhookSender(outbound, deliveries, TIMEOUT, PREVIEW, Errors.GENERAL);
        this.clock = clock;
        this.limits = RateLimits.of("webhook tests", rates.webhookTest());
    }

    /** Tests the webhook of a room the caller owns; too many tests by one user are refused with 429. */
    WebhookTestResult send(Caller caller, Room room) {
        limits.acquire(caller.ownsEverything() ? Caller.LOCAL_USER_ID
                : Objects.requireNonNull(caller.userId(), "only a room's signed-in owner tests its webhook"));
        String url = room.settings().webhookUrl();
        if (url == null || url.isBlank()) {
            return new WebhookTestResult(false, "Webhook test failed", "No webhook URL configured", null, null);
        }
        String eventId = UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        Delivery delivery = sender.send(new Outgoing(room.id(), url, room.settings().webhookSecret(), "test", eventId,
                1, now, json.writeValueAsBytes(payload(room, eventId, now)), Map.of()));
        if (delivery.notAllowed()) {
            log.info("room {}: webhook test refused ({})", room.id(), delivery.refusedBecause());
        }
        if (delivery.status() == null) {
            return new WebhookTestResult(false, "Webhook test failed", Objects.requireNonNull(delivery.error()), null,
                    null);
        }
        return new WebhookTestResult(delivery.accepted(),
                "Webhook test " + (delivery.accepted() ? "successful" : "failed"), "", delivery.status(),
                delivery.preview());
    }

    private static Map<String, Object> payload(Room room, String eventId, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "test");
        payload.put("event_id", eventId);
        payload.put("timestamp", now.toString());
        payload.put("message", "This is a test webhook");
        payload.put("room", Map.of("id", room.id(), "name", room.settings().name()));
        return payload;
    }

    @Override
    public void close() {
        sender.close();
    }
}
