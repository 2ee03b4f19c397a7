package app.meetingbridge.gateway.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;

/**
 * A rate limit per key (a user, a source address, a room): each key has its own token bucket (Bucket4j). At most
 * {@value #MAX_KEYS} keys are remembered, the least recently used forgotten first, and a key unused for a whole
 * period is forgotten (its bucket would be full again anyway), so a flood of distinct keys cannot exhaust memory.
 */
public final class RateLimits {

    static final int MAX_KEYS = 100_000;

    private final String what;
    private final Rate rate;
    private final Cache<String, Bucket> buckets;

    private RateLimits(String what, Rate rate) {
        this.what = what;
        this.rate = rate;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(rate.period()).build();
    }

    /** A limit named {@code what} in its refusals ("webhook tests", "consent decisions"). */
    public static RateLimits of(String what, Rate rate) {
        return new RateLimits(what, rate);
    }

    /** Takes one permit for {@code key}, or refuses with 429 and the seconds until the next permit in Retry-After. */
    public void acquire(String key) {
        Bucket bucket = buckets.get(key, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.permits()).refillGreedy(rate.permits(), rate.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw tooMany(probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Refuses with 429, as {@link #acquire} would, while {@code key} has no permit left, without taking one: for
     * limits on failures, where an attempt is counted only once it has failed.
     */
    public void refuseWhileExhausted(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            throw tooMany(probe.getNanosToWaitForRefill());
        }
    }

    private ApiException tooMany(long nanosToWait) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + 999_999_999L));
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                "Too many " + what + ", try again in " + seconds + " s", Duration.ofSeconds(seconds));
    }

    public Rate rate() {
        return rate;
    }
}
