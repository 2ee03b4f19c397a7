package app.meetingbridge.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How the relay polls (it is also woken on every commit that wrote to the outbox) and how long it waits for confirms. */
@ConfigurationProperties("app.outbox")
record OutboxProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("100") int batchSize,
                        @DefaultValue("5s") Duration confirmTimeout, @DefaultValue("10s") Duration maxBackoff) {
}
