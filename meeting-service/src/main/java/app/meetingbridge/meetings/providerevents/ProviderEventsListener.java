package app.meetingbridge.meetings.providerevents;

import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds the provider events (binding {@code providerEvents-in-0}: quorum queue
 * {@code provider-events.meeting-service} with its delivery limit and dead-letter queue, consumed in batches;
 * see application.yml) to {@link ProviderEventBatches}.
 */
@Configuration(proxyBeanMethods = false)
class ProviderEventsListener {

    @Bean
    Consumer<Message<?>> providerEvents(ProviderEventBatches batches) {
        return batches::accept;
    }
}
