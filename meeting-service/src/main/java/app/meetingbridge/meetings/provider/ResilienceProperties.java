package app.meetingbridge.meetings.provider;

import java.time.Duration;
import java.util.Map;

/**
 * How calls to one provider are guarded: the HTTP timeout; retries on 429, 5xx and I/O failures with
 * exponential backoff and full jitter (a {@code Retry-After} up to {@code maxRetryAfter} wins); a circuit
 * breaker over the provider; and one rate limiter per endpoint class ({@code rateLimits}: calls per second),
 * where a caller waits at most {@code rateLimitWait} for a permit.
 */
public record ResilienceProperties(Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                                   Duration maxRetryAfter, int breakerMinimumCalls, float breakerFailureRate,
                                   Duration breakerOpenFor, Map<String, Double> rateLimits, Duration rateLimitWait) {

    public ResilienceProperties {
        rateLimits = Map.copyOf(rateLimits);
    }
}
