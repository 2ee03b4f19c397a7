package app.meetingbridge.gateway.room;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/rooms/{room_id}/webhook/test}: sends the {@code test} event to the room's webhook URL now and
 * says how it went ({@code {success, message, error, status_code, response_preview}}, reflector-behaviour §7).
 * Signed like every room webhook: {@code X-Webhook-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret,
 * "{t}.{body}")}}. The attempt is recorded in {@code room_webhook_delivery}.
 */
@Component
class RoomWebhookTester {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PREVIEW = 200;
    /** Enough bytes for {@link #PREVIEW} characters of UTF-8 (at most 4 bytes each), with room for a cut one. */
    private static final int PREVIEW_BYTES = 4 * 1024;

    /** Cuts off answers that outlast the timeout (one daemon thread; its tasks only close streams). */
    private static final ScheduledExecutorService CUTOFF = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "webhook-test-cutoff");
        thread.setDaemon(true);
        return thread;
    });

    private final RoomWebhookDeliveryRepository deliveries;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    RoomWebhookTester(RoomWebhookDeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    Map<String, Object> send(Room room) {
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
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        } catch (IllegalArgumentException e) {
            return result(false, "", "Invalid webhook URL: " + e.getMessage(), null, null);
        }
        request.header("Content-Type", "application/json")
                .header("User-Agent", "meetingbridge-webhook/1.0")
                .header("X-Webhook-Event", "test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String secret = room.settings().webhookSecret();
        if (secret != null && !secret.isBlank()) {
            request.header("X-Webhook-Signature", signature(secret, now.getEpochSecond(), body));
        }
        Map<String, Object> result;
        try {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean success = response.statusCode() / 100 == 2;
            String preview = previewBefore(deadline, response.body());
            result = result(success, "Webhook test " + (success ? "successful" : "failed"), "", response.statusCode(),
                    preview);
        } catch (java.net.http.HttpTimeoutException e) {
            result = result(false, "Webhook test failed", "Webhook request timed out (10 seconds)", null, null);
        } catch (java.io.IOException | IllegalArgumentException e) {
            result = result(false, "Webhook test failed", "Could not connect to webhook URL: " + e.getMessage(), null,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = result(false, "Webhook test failed", "Interrupted", null, null);
        }
        record(room.id(), eventId, result, now);
        return result;
    }

    /**
     * The preview of an answer that may trickle: the request's own timeout ends once the headers are in, so the
     * answer is cut off at the deadline (closing it ends a read that waits), and what came by then is the preview.
     * A receiver cannot hold a request thread past {@link #TIMEOUT}.
     */
    private static @Nullable String previewBefore(long deadlineNanos, InputStream body) {
        ScheduledFuture<?> cutoff = CUTOFF.schedule(() -> closeQuietly(body),
                Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            return preview(body);
        } finally {
            cutoff.cancel(false);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    /**
     * The first {@value #PREVIEW} characters of the receiver's answer, reading at most {@value #PREVIEW_BYTES}
     * bytes of it (a receiver answering with 100 MB must not fill the heap) and closing the stream, which drops
     * the rest. Bytes that are not UTF-8 become U+FFFD; null for an empty answer.
     */
    static @Nullable String preview(InputStream body) {
        byte[] buffer = new byte[PREVIEW_BYTES];
        int length = 0;
        try (body) {
            for (int n = 0; n >= 0 && length < buffer.length; n = body.read(buffer, length, buffer.length - length)) {
                length += n;
            }
        } catch (IOException cutOff) {
            // the answer stopped coming (or was cut off at the timeout): what came is the preview
        }
        if (length == 0) {
            return null;
        }
        String text = new String(buffer, 0, length, StandardCharsets.UTF_8); // what is not UTF-8 becomes U+FFFD
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
}
