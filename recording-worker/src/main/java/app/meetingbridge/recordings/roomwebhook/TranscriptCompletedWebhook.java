package app.meetingbridge.recordings.roomwebhook;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.messaging.DelayedDelivery;
import app.meetingbridge.outbound.OutboundGuard;
import app.meetingbridge.recordings.roomwebhook.RoomWebhookRepository.Completed;
import app.meetingbridge.recordings.roomwebhook.RoomWebhookRepository.Target;
import app.meetingbridge.roomwebhooks.RoomWebhookDeliveryRepository;
import app.meetingbridge.roomwebhooks.RoomWebhookSender;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Delivery;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Errors;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Outgoing;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.Rendering;
import app.meetingbridge.transcripts.Speakers;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the room's webhook that a transcript ended, in Reflector's payload, signed and sent as every room webhook is
 * ({@link RoomWebhookSender}: through the outbound guard, at most the timeout per attempt, every attempt a row of
 * {@code room_webhook_delivery}), with a stable {@code event_id} across attempts. 2xx: done. 4xx: the receiver
 * refused, not retried. A URL the guard refuses: final, asking again would be refused again. Anything else (5xx,
 * timeout, no connection): retried after a pause doubling from the first retry up to the longest, through a RabbitMQ
 * delay queue per pause length (the message waits there, then comes back to this consumer), up to the attempt
 * limit. A message repeated once the receiver answered for good (2xx or 4xx) is not sent again. The room told is
 * the transcript's own.
 */
@Component
class TranscriptCompletedWebhook implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TranscriptCompletedWebhook.class);
    /** Reflector keeps the first 500 characters of the receiver's answer. */
    private static final int PREVIEW = 500;

    private final RoomWebhookRepository repository;
    private final RoomWebhookProperties properties;
    private final DelayedDelivery delayed;
    private final JsonMapper json;
    private final Clock clock;
    private final RoomWebhookSender sender;

    TranscriptCompletedWebhook(RoomWebhookRepository repository, RoomWebhookDeliveryRepository deliveries,
                               RoomWebhookProperties properties, OutboundGuard guard, DelayedDelivery delayed,
                               JsonMapper json, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.delayed = delayed;
        this.json = json;
        this.clock = clock;
        this.sender = new RoomWebhookSender(guard, deliveries, properties.timeout(), PREVIEW, Errors.DETAILED);
    }

    void deliver(TranscriptCompleted event) {
        Completed transcript = repository.transcript(event.transcriptId()).orElse(null);
        // the transcript's own room is told, whatever room the message names
        Target target = transcript == null || transcript.roomId() == null ? null
                : repository.target(transcript.roomId()).orElse(null);
        if (transcript == null || target == null || target.url() == null || target.url().isBlank()) {
            return; // nothing to tell, or nobody to tell
        }
        if (sender.answeredForGood(event.eventId())) {
            log.info("room {} already answered transcript {} (event {}); a repeated message is not sent again",
                    target.roomId(), transcript.id(), event.eventId());
            return;
        }
        Instant now = clock.instant();
        Delivery delivery = sender.send(new Outgoing(target.roomId(), target.url(), target.secret(),
                Topology.TRANSCRIPT_COMPLETED, event.eventId(), event.attempt(), now,
                json.writeValueAsBytes(payload(event, transcript, target, now)),
                Map.of("X-Webhook-Retry", String.valueOf(event.attempt() - 1))));
        if (delivery.accepted()) {
            log.info("room {} told of transcript {} (attempt {})", target.roomId(), transcript.id(), event.attempt());
        } else if (delivery.refusedByReceiver()) {
            log.warn("room {} webhook refused transcript {} with {}; not retried", target.roomId(), transcript.id(),
                    delivery.status());
        } else if (delivery.notAllowed()) {
            log.warn("room {}: {}; transcript {} not sent, not retried", target.roomId(), delivery.error(),
                    transcript.id());
        } else if (event.attempt() >= properties.maxAttempts()) {
            log.warn("room {} webhook for transcript {} given up after {} attempts", target.roomId(), transcript.id(),
                    event.attempt());
        } else {
            retryLater(event.nextAttempt(), properties.pauseAfter(event.attempt()));
        }
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
        sender.close();
    }
}
