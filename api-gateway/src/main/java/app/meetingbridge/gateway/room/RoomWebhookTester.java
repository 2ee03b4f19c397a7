package app.meetingbridge.gateway.room;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.RateLimitProperties;
import app.meetingbridge.gateway.web.RateLimits;
import app.meetingbridge.outbound.GuardedHttpClient;
import app.meetingbridge.outbound.OutboundGuard;
import app.meetingbridge.outbound.RefusedDestinationException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/rooms/{room_id}/webhook/test}: sends the {@code test} event to the room's webhook URL now and
 * says how it went ({@code {success, message, error, status_code, response_preview}}, reflector-behaviour §7).
 * Signed like every room webhook: {@code X-Webhook-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret,
 * "{t}.{body}")}}. The attempt is recorded in {@code room_webhook_delivery}.
 * <p>
 * The request goes through the outbound guard like every room webhook (an internal address, unless allow-listed,
 * is refused when the connection is made), and each user may test only so often ({@code RATE_LIMIT_WEBHOOK_TEST}),
 * so the endpoint cannot be used to scan a network. Its errors say what happened in general words ("not allowed",
 * "could not connect", "timed out") and never describe the network behind the URL.
 */
@Component
class RoomWebhookTester implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoomWebhookTester.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PREVIEW = 200;
    /** Enough bytes for {@link #PREVIEW} characters of UTF-8 (at most 4 bytes each), with room for a cut one. */
    private static final int PREVIEW_BYTES = 4 * 1024;

    private final RoomWebhookDeliveryRepository deliveries;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final GuardedHttpClient http;
    private final RateLimits limits;

    RoomWebhookTester(RoomWebhookDeliveryRepository deliveries, OutboundGuard outbound, RateLimitProperties rates,
                      Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.http = new GuardedHttpClient(outbound, TIMEOUT);
        this.limits = RateLimits.of("webhook tests", rates.webhookTest());
    }

    /** Tests the webhook of a room the caller owns; too many tests by one user are refused with 429. */
    Map<String, Object> send(Caller caller, Room room) {
        limits.acquire(caller.ownsEverything() ? Caller.LOCAL_USER_ID
                : Objects.requireNonNull(caller.userId(), "only a room's signed-in owner tests its webhook"));
        String url = room.settings().webhookUrl();
        if (url == null || url.isBlank()) {
            return result(false, "", "No webhook URL configured", null, null);
        }
        String eventId = UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "test");
        payload.put("event_id", eventId);
        payload.put("timestamp", now.toString());
        payload.put("message", "This is a test webhook");
        payload.put("room", Map.of("id", room.id(), "name", room.settings().name()));
        byte[] body = json.writeValueAsBytes(payload);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "meetingbridge-webhook/1.0");
        headers.put("X-Webhook-Event", "test");
        String secret = room.settings().webhookSecret();
        if (secret != null && !secret.isBlank()) {
            headers.put("X-Webhook-Signature", signature(secret, now.getEpochSecond(), body));
        }
        Map<String, Object> result;
        try {
            GuardedHttpClient.Answer answer = http.post(url, headers, body, PREVIEW_BYTES);
            boolean success = answer.status() / 100 == 2;
            result = result(success, "Webhook test " + (success ? "successful" : "failed"), "", answer.status(),
                    preview(answer.head()));
        } catch (RefusedDestinationException e) {
            log.info("room {}: webhook test refused ({})", room.id(), e.reason());
            result = result(false, "Webhook test failed", "Webhook URL is not allowed", null, null);
        } catch (UnknownHostException e) {
            result = result(false, "Webhook test failed", "Webhook URL host does not resolve", null, null);
        } catch (SocketTimeoutException e) {
            result = result(false, "Webhook test failed", "Webhook request timed out (10 seconds)", null, null);
        } catch (IOException e) {
            result = result(false, "Webhook test failed", "Could not connect to webhook URL", null, null);
        }
        record(room.id(), eventId, result, now);
        return result;
    }

    /**
     * The first {@value #PREVIEW} characters of the start of the receiver's answer (at most {@value #PREVIEW_BYTES}
     * bytes are read). Bytes that are not UTF-8 become U+FFFD; null for an empty answer.
     */
    static @Nullable String preview(byte[] head) {
        if (head.length == 0) {
            return null;
        }
        String text = new String(head, StandardCharsets.UTF_8); // what is not UTF-8 becomes U+FFFD
        int end = Math.min(PREVIEW, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** {@code t={seconds},v1={hex HMAC-SHA256(secret as UTF-8, "{seconds}.{body}")}}: Reflector's scheme. */
    static String signature(String secret, long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String roomId, String eventId, Map<String, Object> result, Instant at) {
        String error = (String) result.get("error");
        deliveries.record(roomId, eventId, "test", 1, (Integer) result.get("status_code"),
                error == null || error.isEmpty() ? null : error, (String) result.get("response_preview"), at);
    }

    private static Map<String, Object> result(boolean success, String message, String error,
                                              @Nullable Integer statusCode, @Nullable String preview) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", success);
        result.put("message", message.isEmpty() ? "Webhook test failed" : message);
        result.put("error", error);
        result.put("status_code", statusCode);
        result.put("response_preview", preview);
        return result;
    }

    @Override
    public void close() {
        http.close();
    }
}
