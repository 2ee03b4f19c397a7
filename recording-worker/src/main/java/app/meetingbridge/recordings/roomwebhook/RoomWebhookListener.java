package app.meetingbridge.recordings.roomwebhook;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.messaging.OutageRetry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds {@code transcript.completed} (binding {@code roomWebhooks-in-0}: quorum queue
 * {@code recordings.room-webhooks}, delivery limit and dead-letter queue in application.yml). A delivery that meets
 * a database (or broker) outage is held and tried again with capped backoff, and handed back through a delay queue
 * if the outage outlasts the hold ({@link OutageRetry}): an outage never dead-letters it. A message that is not a
 * {@code transcript.completed} goes to the dead-letter queue at once.
 */
@Configuration(proxyBeanMethods = false)
class RoomWebhookListener {

    static final String QUEUE = Topology.RECORDINGS_EXCHANGE + ".room-webhooks";

    @Bean
    Consumer<Message<byte[]>> roomWebhooks(TranscriptCompletedWebhook webhooks, OutageRetry outages, JsonMapper json) {
        return message -> outages.handle(QUEUE, message.getPayload(), message.getHeaders(),
                () -> webhooks.deliver(json.readValue(message.getPayload(), TranscriptCompleted.class)));
    }
}
