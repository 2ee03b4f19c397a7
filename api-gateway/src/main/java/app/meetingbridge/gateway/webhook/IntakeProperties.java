package app.meetingbridge.gateway.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How verified webhooks are written: {@code writers} threads each commit up to {@code maxBatch} waiting
 * webhooks in one transaction; at most {@code maxPending} wait (more are refused with 503, which the provider
 * retries), and a webhook not committed within {@code commitTimeout} is answered 503 too.
 */
@ConfigurationProperties("app.webhooks.intake")
public record IntakeProperties(int writers, int maxBatch, int maxPending, Duration commitTimeout) {
}
