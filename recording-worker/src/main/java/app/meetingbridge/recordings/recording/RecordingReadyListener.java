package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.recording.ReprocessRequested;
import java.util.function.Consumer;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds the recordings queue (binding {@code recordingReady-in-0}: quorum queue {@code recordings.recording-worker}
 * bound to {@code recording.ready} and {@code recording.reprocess}, delivery limit and dead-letter queue set in
 * application.yml); the routing key says which message it is.
 */
@Configuration(proxyBeanMethods = false)
class RecordingReadyListener {

    @Bean
    Consumer<Message<byte[]>> recordingReady(RecordingIntake intake, JsonMapper json) {
        return message -> {
            if (Topology.RECORDING_REPROCESS.equals(message.getHeaders().get(AmqpHeaders.RECEIVED_ROUTING_KEY))) {
                intake.reprocess(json.readValue(message.getPayload(), ReprocessRequested.class));
            } else {
                intake.register(json.readValue(message.getPayload(), RecordingReady.class));
            }
        };
    }
}
