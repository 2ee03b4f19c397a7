package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.ConsentRefused;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.recording.ReprocessRequested;
import app.meetingbridge.messaging.DeadLetters;
import app.meetingbridge.messaging.DelayedDelivery;
import app.meetingbridge.messaging.OutageRetry;
import app.meetingbridge.recordings.storage.StorageException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds the recordings queue (binding {@code recordingReady-in-0}: quorum queue {@code recordings.recording-worker}
 * bound to {@code recording.ready}, {@code recording.reprocess} and {@code consent.refused}, dead-letter queue set in
 * application.yml); the routing key says which message it is. A recording whose step failed and is to be tried
 * again is parked as a {@link RetryDue} for its pause ({@code recordings.retry.{millis}}), which then comes back to
 * this queue alone; after its last attempt the message goes to the dead-letter queue. A message that meets a
 * database (or broker) outage is held and taken again with capped backoff ({@link OutageRetry}), without counting
 * against the recording, and handed back through a delay queue if the outage outlasts the hold: an outage never
 * dead-letters it. A refused consent whose deletions the storage failed is parked as it is, for the storage outage
 * pause, and taken again up to its limit. A message no attempt can take (not JSON of its kind, missing what a
 * recording needs, larger than any real recording), one given up on, and a refused consent the storage kept failing
 * are parked in the dead-letter queue by the worker itself, with the reason in {@code x-exception-message} and where
 * it was first sent, so that a redrive takes each back for what it was.
 */
@Configuration(proxyBeanMethods = false)
class RecordingReadyListener {

    private static final Logger log = LoggerFactory.getLogger(RecordingReadyListener.class);
    private static final String QUEUE = Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP;
    private static final String RETRY = "x-meetingbridge-retry";
    private static final String ROUTING_KEY = "x-meetingbridge-routing-key";
    private static final String OUTAGES = "x-meetingbridge-outages";

    @Bean
    Consumer<Message<byte[]>> recordingReady(RecordingIntake intake, DelayedDelivery delayed, DeadLetters deadLetters,
                                             OutageRetry outages, RecordingRetryProperties retry, JsonMapper json) {
        return message -> {
            // ours when it came back from a pause; where it was first sent when an operator redrove it, or when it
            // came back after an outage
            String routingKey = String.valueOf(message.getHeaders().getOrDefault(ROUTING_KEY,
                    message.getHeaders().getOrDefault(DeadLetters.ORIGINAL_ROUTING_KEY,
                            message.getHeaders().get(AmqpHeaders.RECEIVED_ROUTING_KEY))));
            try {
                outages.run(describe(routingKey, message), () -> {
                    if (message.getHeaders().containsKey(RETRY)) {
                        intake.retry(json.readValue(message.getPayload(), RetryDue.class).recordingId());
                    } else if (Topology.RECORDING_REPROCESS.equals(routingKey)) {
                        intake.reprocess(json.readValue(message.getPayload(), ReprocessRequested.class));
                    } else if (Topology.CONSENT_REFUSED.equals(routingKey)) {
                        intake.consentRefused(json.readValue(message.getPayload(), ConsentRefused.class));
                    } else {
                        intake.register(json.readValue(message.getPayload(), RecordingReady.class));
                    }
                });
            } catch (JacksonException | UnusableMessage | DataIntegrityViolationException unusable) {
                deadLetters.park(QUEUE, message.getPayload(), message.getHeaders(), unusable);
            } catch (RecordingFailed failed) {
                if (failed.retryIn() == null) { // given up: a redrive gives it one more attempt
                    deadLetters.park(QUEUE, message.getPayload(), withoutOutages(message), "given up on recording "
                            + failed.recording().providerRecordingId() + " after its last attempt: " + failed.getMessage());
                    return;
                }
                park(delayed, failed.retryIn(), json.writeValueAsBytes(RetryDue.of(failed.recording())),
                        Map.of(RETRY, true));
            } catch (OutageRetry.StillDown down) {
                outages.handBack(QUEUE, message.getPayload(), withRoutingKey(message, routingKey));
            } catch (StorageException storage) {
                // a storage failure gets here only from a refused consent's deletions: the pipeline counts its own
                int failures = message.getHeaders().get(OUTAGES) instanceof Number n ? n.intValue() : 0;
                if (failures >= retry.outageRetries() || !storage.reason().retryable()) {
                    deadLetters.park(QUEUE, message.getPayload(), withoutOutages(message), storage);
                    return;
                }
                log.warn("the storage did not answer ({}); {} taken again in {} (pause {} of {})",
                        storage.getMessage(), routingKey, retry.outagePause(), failures + 1, retry.outageRetries());
                Map<String, Object> headers = new HashMap<>(Map.of(ROUTING_KEY, routingKey, OUTAGES, failures + 1));
                if (message.getHeaders().containsKey(RETRY)) {
                    headers.put(RETRY, true);
                }
                park(delayed, retry.outagePause(), message.getPayload(), headers);
            }
        };
    }

    private static String describe(String routingKey, Message<byte[]> message) {
        Object id = message.getHeaders().get(AmqpHeaders.MESSAGE_ID);
        return id == null ? "a " + routingKey + " message" : routingKey + " message " + id;
    }

    /** Its headers, with the routing key it was taken for, which it keeps when it comes back. */
    private static Map<String, Object> withRoutingKey(Message<byte[]> message, String routingKey) {
        Map<String, Object> headers = new HashMap<>(message.getHeaders());
        headers.put(ROUTING_KEY, routingKey);
        return headers;
    }

    /** Its headers, less the storage failures it met: a redriven message starts a fresh count. */
    private static Map<String, Object> withoutOutages(Message<byte[]> message) {
        Map<String, Object> headers = new HashMap<>(message.getHeaders());
        headers.remove(OUTAGES);
        return headers;
    }

    /** Parks a message for {@code pause}, after which it comes back to this queue alone. */
    private static void park(DelayedDelivery delayed, Duration pause, byte[] body, Map<String, Object> headers) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.forEach(properties::setHeader);
        delayed.after(pause, "recordings.retry", "", QUEUE, new org.springframework.amqp.core.Message(body, properties));
    }

    /** The worker's own note to itself: try this recording again (which one, in words an operator can read too). */
    record RetryDue(String recordingId, String platform, String providerRecordingId) {

        static RetryDue of(Recording recording) {
            return new RetryDue(recording.id(), recording.platform(), recording.providerRecordingId());
        }
    }
}
