package app.meetingbridge.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

    @Test
    void readsSeconds() {
        assertThat(RetryAfter.parse("2", null, clock)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse(" 1.5 ", null, clock)).contains(Duration.ofMillis(1500));
    }

    @Test
    void readsAnHttpDateAgainstTheClock() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:05 GMT", null, clock)).contains(Duration.ofSeconds(5));
    }

    @Test
    void takesADateAlreadyPastAsNoPause() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:27:00 GMT", null, clock)).contains(Duration.ZERO);
    }

    @Test
    void prefersMillisecondsWhenTheServerGivesThem() {
        assertThat(RetryAfter.parse("2", "250", clock)).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.parse("2", "soon", clock)).contains(Duration.ofSeconds(2));
    }

    @Test
    void ignoresWhatIsNeitherSecondsNorADate() {
        assertThat(RetryAfter.parse("soon", null, clock)).isEqualTo(Optional.empty());
        assertThat(RetryAfter.parse("-3", null, clock)).isEmpty();
        assertThat(RetryAfter.parse(null, null, clock)).isEmpty();
    }
}
