package app.meetingbridge.gateway.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentWindowTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    static Instant minutesAgo(long minutes) {
        return NOW.minus(Duration.ofMinutes(minutes));
    }

    @Test
    void takesDecisionsWhileTheMeetingGoesOn() {
        ConsentWindow window = new ConsentWindow(true, NOW.plus(HOUR), minutesAgo(90), null, null);

        assertThat(window.endedAt(NOW)).isEmpty();
        assertThat(window.takesDecisionsAt(NOW, HOUR)).isTrue();
    }

    @Test
    void aMeetingStillOpenPastItsEndDateEndedThere() {
        ConsentWindow justEnded = new ConsentWindow(true, minutesAgo(59), minutesAgo(5), null, null);
        ConsentWindow longEnded = new ConsentWindow(true, minutesAgo(61), minutesAgo(5), null, null);

        assertThat(justEnded.endedAt(NOW)).contains(minutesAgo(59));
        assertThat(justEnded.takesDecisionsAt(NOW, HOUR)).isTrue();
        assertThat(longEnded.takesDecisionsAt(NOW, HOUR)).isFalse();
    }

    @Test
    void aMeetingClosedEarlyEndedAtTheLastSignOfIt() {
        ConsentWindow closed = new ConsentWindow(false, NOW.plus(HOUR), minutesAgo(120), minutesAgo(100),
                minutesAgo(50));

        assertThat(closed.endedAt(NOW)).contains(minutesAgo(50));
        assertThat(closed.takesDecisionsAt(NOW, HOUR)).isTrue();
        assertThat(closed.takesDecisionsAt(NOW, Duration.ofMinutes(49))).isFalse();
    }

    @Test
    void aMeetingClosedAfterItsEndDateEndedAtItsEndDate() {
        ConsentWindow closed = new ConsentWindow(false, minutesAgo(70), minutesAgo(30), null, minutesAgo(30));

        assertThat(closed.endedAt(NOW)).contains(minutesAgo(70));
        assertThat(closed.takesDecisionsAt(NOW, HOUR)).isFalse();
    }

    @Test
    void takesDecisionsUpToTheEndOfTheGraceAndNotAfter() {
        ConsentWindow closed = new ConsentWindow(false, NOW.plus(HOUR), minutesAgo(60), null, null);

        assertThat(closed.takesDecisionsAt(NOW, HOUR)).isTrue();
        assertThat(closed.takesDecisionsAt(NOW.plusMillis(1), HOUR)).isFalse();
    }
}
