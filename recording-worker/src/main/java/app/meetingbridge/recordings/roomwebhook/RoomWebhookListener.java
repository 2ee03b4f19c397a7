package app.meetingbridge.recordings.roomwebhook;

import app.meetingbridge.events.recording.TranscriptCompleted;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds {@code transcript.completed} (binding {@code roomWebhooks-in-0}: quorum queue
 * {@code recordings.room-webhooks}, delivery limit and dead-letter queue in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class RoomWebhookListener {

    @Bean
    Consumer<Message<byte[]>> roomWebhooks(RoomWebhookSender webhooks, JsonMapper json) {
        return message -> webhooks.deliver(json.readValue(message.getPayload(), TranscriptCompleted.class));
    }
}
