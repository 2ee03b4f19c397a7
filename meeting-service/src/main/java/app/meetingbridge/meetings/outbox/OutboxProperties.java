package app.meetingbridge.meetings.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the relay polls (it is also woken on every commit that wrote to the outbox) and how long it waits for confirms. */
@ConfigurationProperties("app.outbox")
record OutboxProperties(Duration pollInterval, int batchSize, Duration confirmTimeout, Duration maxBackoff) {
}
