package app.meetingbridge.meetings.provider;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * Every call to one provider goes through here: a rate limiter per endpoint class, the provider's circuit
 * breaker, and retries of transient failures. Failures come out as {@link ProviderUnavailableException} (try
 * later: 503 to callers) or {@link ProviderRejectedException} (the provider refused: not retried).
 */
public final class ProviderCalls {

    private final String provider;
    private final ResilienceProperties settings;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiterRegistry limiters;
    private final Map<String, RateLimiter> limiterByClass = new ConcurrentHashMap<>();

    public ProviderCalls(String provider, ResilienceProperties settings, MeterRegistry meters) {
        this.provider = provider;
        this.settings = settings;
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(settings.breakerMinimumCalls(), 10))
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(ProviderCalls::providerAtFault)
                .build());
        this.breaker = breakers.circuitBreaker(provider);
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(this::worthRetrying)
                .intervalBiFunction(backoff())
                .failAfterMaxAttempts(false)
                .build());
        this.retry = retries.retry(provider);
        this.limiters = RateLimiterRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(limiters).bindTo(meters);
    }

    /** Runs {@code call} (again on transient failures) within the rate of {@code endpointClass}. */
    public <T> T call(String endpointClass, String operation, Supplier<T> call) {
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker,
                RateLimiter.decorateSupplier(limiter(endpointClass), call));
        try {
            return Retry.decorateSupplier(retry, guarded).get();
        } catch (CallNotPermittedException e) {
            throw new ProviderUnavailableException(provider + " is failing; not calling it for a while (circuit open)", e);
        } catch (RequestNotPermitted e) {
            throw new ProviderUnavailableException(provider + " " + operation + ": over our rate limit for "
                    + endpointClass + " calls", e);
        } catch (ProviderHttpException e) {
            if (e.transientFailure()) {
                throw new ProviderUnavailableException(e.getMessage(), e);
            }
            throw new ProviderRejectedException(e);
        } catch (ResourceAccessException e) {
            throw new ProviderUnavailableException(provider + " " + operation + " did not answer: " + e.getMessage(), e);
        } catch (RestClientException e) {
            throw new ProviderUnavailableException(provider + " " + operation + " answered something unreadable: "
                    + e.getMessage(), e);
        }
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private RateLimiter limiter(String endpointClass) {
        return limiterByClass.computeIfAbsent(endpointClass, name -> {
            Double perSecond = settings.rateLimits().get(name);
            if (perSecond == null) {
                throw new IllegalStateException("no rate limit configured for " + provider + " " + name + " calls");
            }
            RateLimiterConfig config = perSecond >= 1
                    ? RateLimiterConfig.custom().limitForPeriod((int) Math.round(perSecond))
                            .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(settings.rateLimitWait()).build()
                    : RateLimiterConfig.custom().limitForPeriod(1)
                            .limitRefreshPeriod(Duration.ofMillis(Math.round(1000 / perSecond)))
                            .timeoutDuration(settings.rateLimitWait()).build();
            return limiters.rateLimiter(provider + "." + name, config);
        });
    }

    private IntervalBiFunction<Object> backoff() {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof ProviderHttpException http && http.retryAfter() != null) {
                return Math.max(http.retryAfter().toMillis(), 1);
            }
            long ceiling = Math.min(settings.maxBackoff().toMillis(),
                    settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
            return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        };
    }

    /** 429, 5xx and I/O failures, unless the provider asked for a longer pause than we are willing to wait. */
    private boolean worthRetrying(Throwable failure) {
        if (failure instanceof ProviderHttpException http) {
            return http.transientFailure()
                    && (http.retryAfter() == null || http.retryAfter().compareTo(settings.maxRetryAfter()) <= 0);
        }
        return failure instanceof ResourceAccessException;
    }

    static boolean providerAtFault(Throwable failure) {
        if (failure instanceof ProviderHttpException http) {
            return http.status() >= 500;
        }
        return failure instanceof ResourceAccessException || failure instanceof RestClientException
                || failure instanceof ProviderUnavailableException;
    }
}
