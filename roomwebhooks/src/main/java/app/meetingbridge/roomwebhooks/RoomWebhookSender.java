package app.meetingbridge.roomwebhooks;

import app.meetingbridge.outbound.GuardedHttpClient;
import app.meetingbridge.outbound.OutboundGuard;
import app.meetingbridge.outbound.RefusedDestinationException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sends one attempt of a room's webhook: the caller's JSON body, POSTed with Reflector's headers
 * ({@code X-Webhook-Event}, and {@link WebhookSignature} when the room has a secret) through the outbound guard
 * ({@code WEBHOOK_ALLOWED_HOSTS}), which checks the addresses the URL's host resolves to at that moment and connects
 * only to those. At most a preview's worth of the answer is read, the whole exchange within the timeout; the attempt
 * is a row of {@code room_webhook_delivery} (status, error, answer preview). What to send and whether to try again
 * are the caller's.
 */
public final class RoomWebhookSender implements AutoCloseable {

    /** How a failed attempt is put in words, for the delivery row and the caller. */
    public enum Errors {
        /**
         * For the user who chose the URL: "not allowed", "does not resolve", "timed out", "could not connect", never
         * more about the network behind it.
         */
        GENERAL,
        /** For the operator: the guard's reason for a refusal, and what the connection met. */
        DETAILED
    }

    private static final String USER_AGENT = "meetingbridge-webhook/1.0";

    private final RoomWebhookDeliveryRepository deliveries;
    private final GuardedHttpClient http;
    private final Duration timeout;
    private final int previewCharacters;
    private final Errors errors;

    /**
     * @param timeout           of each attempt, the answer included
     * @param previewCharacters how much of the answer is kept
     */
    public RoomWebhookSender(OutboundGuard guard, RoomWebhookDeliveryRepository deliveries, Duration timeout,
                             int previewCharacters, Errors errors) {
        this.deliveries = deliveries;
        this.http = new GuardedHttpClient(guard, timeout);
        this.timeout = timeout;
        this.previewCharacters = previewCharacters;
        this.errors = errors;
    }

    /** Sends the attempt, records it and says how it went; a failure to connect is an answer, not an exception. */
    public Delivery send(Outgoing webhook) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("X-Webhook-Event", webhook.event());
        headers.putAll(webhook.headers());
        if (webhook.secret() != null && !webhook.secret().isBlank()) {
            headers.put(WebhookSignature.HEADER, WebhookSignature.of(webhook.secret(), webhook.at().getEpochSecond(),
                    webhook.body()));
        }
        Delivery delivery;
        try {
            GuardedHttpClient.Answer answer = http.post(webhook.url(), headers, webhook.body(),
                    AnswerPreview.bytesFor(previewCharacters));
            delivery = new Delivery(answer.status(), AnswerPreview.of(answer.head(), previewCharacters), null, null);
        } catch (IOException e) {
            delivery = new Delivery(null, null, error(e),
                    e instanceof RefusedDestinationException refused ? refused.reason() : null);
        }
        deliveries.record(webhook.roomId(), webhook.eventId(), webhook.event(), webhook.attempt(), delivery.status(),
                delivery.error(), delivery.preview(), webhook.at());
        return delivery;
    }

    /** The receiver already answered this event for good (2xx or 4xx): a repeated message is not sent again. */
    public boolean answeredForGood(String eventId) {
        return deliveries.answeredForGood(eventId);
    }

    String error(IOException failure) {
        if (errors == Errors.DETAILED) {
            return failure instanceof RefusedDestinationException refused
                    ? "webhook URL is not allowed (" + refused.reason() + ")"
                    : GuardedHttpClient.describe(failure);
        }
        if (failure instanceof RefusedDestinationException) {
            return "Webhook URL is not allowed";
        }
        if (failure instanceof UnknownHostException) {
            return "Webhook URL host does not resolve";
        }
        if (failure instanceof SocketTimeoutException) {
            return "Webhook request timed out (" + timeout.toSeconds() + " seconds)";
        }
        return "Could not connect to webhook URL";
    }

    @Override
    public void close() {
        http.close();
    }

    /**
     * One attempt of an event to a room's webhook URL.
     *
     * @param event   the event's type ({@code X-Webhook-Event}, and the delivery row's)
     * @param at      when it is sent: the signature's time, and the delivery row's
     * @param headers any further headers
     */
    public record Outgoing(String roomId, String url, @Nullable String secret, String event, String eventId,
                           int attempt, Instant at, byte[] body, Map<String, String> headers) {

        public Outgoing {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * How an attempt went: the receiver's status and the start of its answer, or the error in words (status null);
     * {@code refusedBecause} is the guard's reason when it refused the URL, which no attempt will change.
     */
    public record Delivery(@Nullable Integer status, @Nullable String preview, @Nullable String error,
                           @Nullable String refusedBecause) {

        /** The receiver took it (2xx). */
        public boolean accepted() {
            return status != null && status / 100 == 2;
        }

        /** The receiver refused it (4xx): asking again would be refused again. */
        public boolean refusedByReceiver() {
            return status != null && status / 100 == 4;
        }

        /** The guard refused the URL: asking again would be refused again. */
        public boolean notAllowed() {
            return refusedBecause != null;
        }
    }
}
