package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.WireNames;
import app.meetingbridge.messaging.WireFormat;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds the provider events (binding {@code providerEvents-in-0}: quorum queue
 * {@code provider-events.meeting-service}, delivery limit and dead-letter queue in application.yml). A message
 * whose type is not one of ours fails, is retried and ends in the dead-letter queue.
 */
@Configuration(proxyBeanMethods = false)
class ProviderEventsListener {

    @Bean
    Consumer<Message<byte[]>> providerEvents(ProviderEventHandler handler) {
        return message -> handler.handle(read(message));
    }

    private static Object read(Message<byte[]> message) {
        Object type = message.getHeaders().get(WireFormat.TYPE_HEADER);
        Class<?> record = type == null ? null : WireNames.all().get(type.toString());
        if (record == null) {
            throw new IllegalArgumentException("unknown message type " + type);
        }
        return WireFormat.json().readValue(message.getPayload(), record);
    }
}
