package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.recording.ReprocessRequested;
import app.meetingbridge.messaging.DelayedDelivery;
import java.util.function.Consumer;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds the recordings queue (binding {@code recordingReady-in-0}: quorum queue {@code recordings.recording-worker}
 * bound to {@code recording.ready} and {@code recording.reprocess}, dead-letter queue set in application.yml); the
 * routing key says which message it is. A recording whose step failed and is to be tried again is parked as a
 * {@link RetryDue} for its pause ({@code recordings.retry.{millis}}), which then comes back to this queue alone;
 * after its last attempt the message goes to the dead-letter queue.
 */
@Configuration(proxyBeanMethods = false)
class RecordingReadyListener {

    private static final String QUEUE = Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP;
    private static final String RETRY = "x-meetingbridge-retry";

    @Bean
    Consumer<Message<byte[]>> recordingReady(RecordingIntake intake, DelayedDelivery delayed, JsonMapper json) {
        return message -> {
            try {
                if (message.getHeaders().containsKey(RETRY)) {
                    intake.retry(json.readValue(message.getPayload(), RetryDue.class).recordingId());
                } else if (Topology.RECORDING_REPROCESS.equals(message.getHeaders().get(AmqpHeaders.RECEIVED_ROUTING_KEY))) {
                    intake.reprocess(json.readValue(message.getPayload(), ReprocessRequested.class));
                } else {
                    intake.register(json.readValue(message.getPayload(), RecordingReady.class));
                }
            } catch (RecordingFailed failed) {
                if (failed.retryIn() == null) {
                    throw new AmqpRejectAndDontRequeueException("given up: " + failed.getMessage(), failed);
                }
                MessageProperties properties = new MessageProperties();
                properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
                properties.setHeader(RETRY, true);
                delayed.after(failed.retryIn(), "recordings.retry", "", QUEUE, new org.springframework.amqp.core.Message(
                        json.writeValueAsBytes(RetryDue.of(failed.recording())), properties));
            }
        };
    }

    /** The worker's own note to itself: try this recording again (which one, in words an operator can read too). */
    record RetryDue(String recordingId, String platform, String providerRecordingId) {

        static RetryDue of(Recording recording) {
            return new RetryDue(recording.id(), recording.platform(), recording.providerRecordingId());
        }
    }
}
