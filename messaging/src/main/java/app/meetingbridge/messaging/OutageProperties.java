package app.meetingbridge.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers ride out an outage of the database or the broker: the pause after the first try that met it, doubling
 * up to {@code longestPause}; how long one message is held so ({@code hold}, well below RabbitMQ's consumer timeout
 * of 30 minutes, after which the broker would take the message back and count a failed delivery); and, after that,
 * the pause it waits in a delay queue before it comes back ({@code longestPause}).
 */
@ConfigurationProperties("app.messaging.outage")
public record OutageProperties(@DefaultValue("1s") Duration firstPause, @DefaultValue("30s") Duration longestPause,
                               @DefaultValue("5m") Duration hold) {

    public OutageProperties {
        if (firstPause.isNegative() || firstPause.isZero() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("outage pauses must be positive, the longest at least the first: "
                    + firstPause + ", " + longestPause);
        }
        if (hold.isNegative()) {
            throw new IllegalArgumentException("the outage hold cannot be negative: " + hold);
        }
    }
}
