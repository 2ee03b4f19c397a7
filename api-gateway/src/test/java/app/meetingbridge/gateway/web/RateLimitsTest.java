package app.meetingbridge.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class RateLimitsTest {

    @Test
    void refusesAKeyBeyondItsPermitsWithTooManyRequestsAndTheWait() {
        RateLimits limits = RateLimits.of("webhook tests", Rate.parse("2/1h"));
        limits.acquire("alice");
        limits.acquire("alice");

        assertThatThrownBy(() -> limits.acquire("alice"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.retryAfter()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
                    assertThat(e.getMessage()).startsWith("Too many webhook tests");
                });
    }

    @Test
    void countsEachKeyOnItsOwn() {
        RateLimits limits = RateLimits.of("consent decisions", Rate.parse("1/1h"));
        limits.acquire("192.0.2.1");

        limits.acquire("192.0.2.2");

        assertThatThrownBy(() -> limits.acquire("192.0.2.1")).isInstanceOf(ApiException.class);
    }

    @Test
    void refusesWhileExhaustedWithoutTakingAPermit() {
        RateLimits failures = RateLimits.of("refused API keys", Rate.parse("2/1h"));
        failures.refuseWhileExhausted("192.0.2.1");
        failures.refuseWhileExhausted("192.0.2.1");
        failures.acquire("192.0.2.1");
        failures.refuseWhileExhausted("192.0.2.1");
        failures.acquire("192.0.2.1");

        assertThatThrownBy(() -> failures.refuseWhileExhausted("192.0.2.1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.retryAfter()).isPositive();
                });
        failures.refuseWhileExhausted("192.0.2.2");
    }

    @Test
    void readsRatesInTheirWrittenForm() {
        assertThat(Rate.parse("10/1m")).isEqualTo(new Rate(10, Duration.ofMinutes(1)));
        assertThat(Rate.parse(" 5 / 30s ")).isEqualTo(new Rate(5, Duration.ofSeconds(30)));
        assertThat(Rate.parse("100/2h")).isEqualTo(new Rate(100, Duration.ofHours(2)));
        assertThat(Rate.parse("3/250ms")).isEqualTo(new Rate(3, Duration.ofMillis(250)));
    }

    @Test
    void refusesRatesThatAreNotWrittenAsPermitsPerPeriod() {
        assertThatThrownBy(() -> Rate.parse("ten per minute")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rate.parse("0/1m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rate.parse("5/0s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rate.parse("5/1w")).isInstanceOf(IllegalArgumentException.class);
    }
}
