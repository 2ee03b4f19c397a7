package app.meetingbridge.recordings.roomwebhook;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.messaging.DelayedDelivery;
import app.meetingbridge.recordings.roomwebhook.RoomWebhookRepository.Completed;
import app.meetingbridge.outbound.GuardedHttpClient;
import app.meetingbridge.outbound.OutboundGuard;
import app.meetingbridge.outbound.RefusedDestinationException;
import app.meetingbridge.recordings.roomwebhook.RoomWebhookRepository.Target;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.Rendering;
import app.meetingbridge.transcripts.Speakers;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the room's webhook that a transcript ended (reflector-behaviour §7, keeping Reflector's payload and
 * signature, {@code X-Webhook-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}}), with
 * a stable {@code event_id} across attempts. 2xx: done. 4xx: the receiver refused, not retried. Anything else
 * (5xx, timeout, no connection): retried after a pause doubling from the first retry up to the longest, through
 * a RabbitMQ delay queue per pause length (the message waits there, then comes back to this consumer), up to the
 * attempt limit. Every attempt is a row of {@code room_webhook_delivery}; a message repeated once the receiver
 * answered for good (2xx or 4xx) is not sent again. The room told is the transcript's own, and at most a few KiB of
 * the receiver's answer are read, the whole exchange (answer included) within the timeout: a receiver that trickles
 * its answer holds the sender no longer than that, and its status counts.
 * <p>
 * Every delivery goes through the outbound guard ({@code WEBHOOK_ALLOWED_HOSTS}), which checks the addresses the
 * URL's host resolves to at that moment and connects only to those. A URL it refuses (an internal address not
 * allow-listed, a URL that is not plain http or https) is a failed attempt recorded with the reason, and final:
 * asking again would be refused again.
 */
@Component
class RoomWebhookSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoomWebhookSender.class);
    private static final int PREVIEW = 500;
    private static final int PREVIEW_BYTES = 4 * PREVIEW;

    private final RoomWebhookRepository repository;
    private final RoomWebhookProperties properties;
    private final DelayedDelivery delayed;
    private final JsonMapper json;
    private final Clock clock;
    private final GuardedHttpClient http;

    RoomWebhookSender(RoomWebhookRepository repository, RoomWebhookProperties properties, OutboundGuard guard,
                      DelayedDelivery delayed, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.delayed = delayed;
        this.json = json;
        this.clock = clock;
        this.http = new GuardedHttpClient(guard, properties.timeout());
    }

    void deliver(TranscriptCompleted event) {
        Completed transcript = repository.transcript(event.transcriptId()).orElse(null);
        // the transcript's own room is told, whatever room the message names
        Target target = transcript == null || transcript.roomId() == null ? null
                : repository.target(transcript.roomId()).orElse(null);
        if (transcript == null || target == null || target.url() == null || target.url().isBlank()) {
            return; // nothing to tell, or nobody to tell
        }
        if (repository.settled(event.eventId())) {
            log.info("room {} already answered transcript {} (event {}); a repeated message is not sent again",
                    target.roomId(), transcript.id(), event.eventId());
            return;
        }
        Instant now = clock.instant();
        byte[] body = json.writeValueAsBytes(payload(event, transcript, target, now));
        Integer status = null;
        String error = null;
        String preview = null;
        boolean refused = false;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "meetingbridge-webhook/1.0");
        headers.put("X-Webhook-Event", Topology.TRANSCRIPT_COMPLETED);
        headers.put("X-Webhook-Retry", String.valueOf(event.attempt() - 1));
        if (target.secret() != null && !target.secret().isBlank()) {
            headers.put("X-Webhook-Signature", signature(target.secret(), now.getEpochSecond(), body));
        }
        try {
            GuardedHttpClient.Answer answer = http.post(target.url(), headers, body, PREVIEW_BYTES);
            status = answer.status();
            preview = preview(answer.head());
        } catch (RefusedDestinationException e) {
            refused = true;
            error = "webhook URL is not allowed (" + e.reason() + ")";
        } catch (IOException e) {
            error = GuardedHttpClient.describe(e);
        }
        repository.attempted(target.roomId(), event.eventId(), Topology.TRANSCRIPT_COMPLETED, event.attempt(), status,
                error, preview, now);
        if (status != null && status / 100 == 2) {
            log.info("room {} told of transcript {} (attempt {})", target.roomId(), transcript.id(), event.attempt());
        } else if (status != null && status / 100 == 4) {
            log.warn("room {} webhook refused transcript {} with {}; not retried", target.roomId(), transcript.id(),
                    status);
        } else if (refused) {
            log.warn("room {}: {}; transcript {} not sent, not retried", target.roomId(), error, transcript.id());
        } else if (event.attempt() >= properties.maxAttempts()) {
            log.warn("room {} webhook for transcript {} given up after {} attempts", target.roomId(), transcript.id(),
                    event.attempt());
        } else {
            retryLater(event.nextAttempt(), properties.pauseAfter(event.attempt()));
        }
    }

    /** The start of the receiver's answer, for the delivery row (at most {@value #PREVIEW_BYTES} bytes are read). */
    private static @Nullable String preview(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        return text.isEmpty() ? null : text.substring(0, Math.min(PREVIEW, text.length()));
    }

    /** Parks the message in the delay queue for {@code pause}; it comes back to this consumer when that ends. */
    private void retryLater(TranscriptCompleted next, Duration pause) {
        MessageProperties headers = new MessageProperties();
        headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.setMessageId(next.eventId() + "#" + next.attempt());
        delayed.after(pause, "room-webhooks.delay", Topology.RECORDINGS_EXCHANGE, Topology.TRANSCRIPT_COMPLETED,
                new Message(json.writeValueAsBytes(next), headers));
    }

    /** Reflector's {@code transcript.completed} body, with our stable event id. */
    private Map<String, Object> payload(TranscriptCompleted event, Completed transcript, Target target, Instant now) {
        List<Participant> participants = TranscriptJson.participants(transcript.participantsJson());
        Speakers speakers = Speakers.of(participants);
        List<Map<String, Object>> people = new ArrayList<>();
        for (Participant participant : participants) {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("id", participant.id());
            person.put("name", participant.name() != null ? participant.name()
                    : "Speaker " + (participant.speaker() == null ? 0 : participant.speaker()));
            person.put("speaker", participant.speaker());
            people.add(person);
        }
        List<Map<String, Object>> topicList = new ArrayList<>();
        StringBuilder allWords = new StringBuilder();
        for (Topic topic : TranscriptJson.topics(transcript.topicsJson())) {
            String webvtt = Rendering.webvtt(topic.segments(), speakers);
            allWords.append(Rendering.cues(webvtt));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("title", topic.title());
            out.put("summary", topic.summary());
            out.put("timestamp", topic.timestamp());
            out.put("duration", topic.duration());
            out.put("webvtt", webvtt);
            topicList.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", transcript.id());
        body.put("room_id", transcript.roomId());
        body.put("created_at", transcript.createdAt().toString());
        body.put("duration", transcript.durationMs() == null ? null : transcript.durationMs().doubleValue());
        body.put("title", transcript.title());
        body.put("short_summary", transcript.shortSummary());
        body.put("long_summary", transcript.longSummary());
        body.put("webvtt", "WEBVTT\n" + allWords);
        body.put("action_items", transcript.actionItemsJson() == null ? null
                : json.readTree(transcript.actionItemsJson()));
        body.put("topics", topicList);
        body.put("participants", people);
        body.put("source_language", transcript.sourceLanguage());
        body.put("target_language", transcript.targetLanguage());
        body.put("status", transcript.status());
        body.put("frontend_url", properties.uiBaseUrl().isEmpty() ? null
                : properties.uiBaseUrl() + "/transcripts/" + transcript.id());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", Topology.TRANSCRIPT_COMPLETED);
        payload.put("event_id", event.eventId());
        payload.put("timestamp", now.toString());
        payload.put("transcript", body);
        payload.put("room", Map.of("id", target.roomId(), "name", target.name()));
        payload.put("calendar_event", null);
        return payload;
    }

    @Override
    public void close() {
        http.close();
    }

    static String signature(String secret, long seconds, byte[] body) {
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
