package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.ConsentRefused;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.recording.ReprocessRequested;
import app.meetingbridge.messaging.DeadLetters;
import app.meetingbridge.messaging.DelayedDelivery;
import app.meetingbridge.messaging.OutageRetry;
import app.meetingbridge.recordings.recording.RecordingFailures.DeadLetter;
import app.meetingbridge.recordings.recording.RecordingFailures.HandBack;
import app.meetingbridge.recordings.recording.RecordingFailures.Rethrow;
import app.meetingbridge.recordings.recording.RecordingFailures.RetryRecording;
import app.meetingbridge.recordings.recording.RecordingFailures.TakeAgain;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes one message of the recordings queue: reads which it is ({@link RecordingRoute}), hands it to the
 * {@link RecordingIntake} through the outage retry ({@link OutageRetry}: a database or broker outage is held, without
 * counting against the recording), and carries out what {@link RecordingFailures} decides when that fails: parked for
 * a pause in {@code recordings.retry.{millis}}, after which it comes back to this queue alone, handed back, or parked
 * in the dead-letter queue by the worker itself with the reason in {@code x-exception-message} and where it was first
 * sent, so that a redrive takes each back for what it was.
 */
@Component
class RecordingMessages {

    static final String QUEUE = Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP;

    private static final Logger log = LoggerFactory.getLogger(RecordingMessages.class);

    private final RecordingIntake intake;
    private final DelayedDelivery delayed;
    private final DeadLetters deadLetters;
    private final OutageRetry outages;
    private final RecordingFailures failures;
    private final JsonMapper json;

    RecordingMessages(RecordingIntake intake, DelayedDelivery delayed, DeadLetters deadLetters, OutageRetry outages,
                      RecordingRetryProperties retry, JsonMapper json) {
        this.intake = intake;
        this.delayed = delayed;
        this.deadLetters = deadLetters;
        this.outages = outages;
        this.failures = new RecordingFailures(retry);
        this.json = json;
    }

    void take(Message<byte[]> message) {
        Map<String, Object> headers = message.getHeaders();
        byte[] body = message.getPayload();
        RecordingRoute route = RecordingRoute.of(headers);
        try {
            outages.run(route.describe(headers), () -> handOver(route, body));
        } catch (RuntimeException failure) {
            carryOut(failures.after(failure, route, headers), failure, route, body);
        }
    }

    private void carryOut(RecordingFailures.Outcome outcome, RuntimeException failure, RecordingRoute route,
                          byte[] body) {
        if (outcome instanceof DeadLetter dead) {
            if (dead.cause() != null) {
                deadLetters.park(QUEUE, body, dead.headers(), dead.cause());
            } else {
                deadLetters.park(QUEUE, body, dead.headers(), Objects.requireNonNull(dead.reason()));
            }
        } else if (outcome instanceof RetryRecording again) {
            park(again.pause(), json.writeValueAsBytes(again.due()), RetryRecording.HEADERS);
        } else if (outcome instanceof HandBack back) {
            outages.handBack(QUEUE, body, back.headers());
        } else if (outcome instanceof TakeAgain again) {
            log.warn("the storage did not answer ({}); {} taken again in {} (pause {} of {})", failure.getMessage(),
                    route.routingKey(), again.pause(), again.count(), again.limit());
            park(again.pause(), body, again.headers());
        } else if (outcome instanceof Rethrow rethrow) {
            throw rethrow.failure();
        }
    }

    private void handOver(RecordingRoute route, byte[] body) {
        switch (route.kind()) {
            case RETRY_DUE -> intake.retry(json.readValue(body, RecordingFailures.RetryDue.class).recordingId());
            case REPROCESS -> intake.reprocess(json.readValue(body, ReprocessRequested.class));
            case CONSENT_REFUSED -> intake.consentRefused(json.readValue(body, ConsentRefused.class));
            case READY -> intake.register(json.readValue(body, RecordingReady.class));
        }
    }

    /** Parks a message for {@code pause}, after which it comes back to this queue alone. */
    private void park(Duration pause, byte[] body, Map<String, Object> headers) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.forEach(properties::setHeader);
        delayed.after(pause, "recordings.retry", "", QUEUE, new org.springframework.amqp.core.Message(body, properties));
    }
}
