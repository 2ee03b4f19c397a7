package app.meetingbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class OutageRetryTest {

    static final RuntimeException DATABASE_AWAY = new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection", new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));

    final TestClock clock = new TestClock();
    final List<Duration> pauses = new ArrayList<>();
    final HandedBack handedBack = new HandedBack();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Pauses take no time here: they move the clock on and are recorded. */
    OutageRetry outages(Duration first, Duration longest, Duration hold) {
        return new OutageRetry(new OutageProperties(first, longest, hold), handedBack, clock, meters, length -> {
            pauses.add(length);
            clock.advance(length);
            return true;
        });
    }

    /** Work that meets an outage {@code times} times, each try taking {@code each}, then goes through. */
    Runnable outageFor(int times, Duration each, AtomicInteger tries) {
        return () -> {
            clock.advance(each);
            if (tries.incrementAndGet() <= times) {
                throw DATABASE_AWAY;
            }
        };
    }

    @Test
    void runsWorkThatGoesThroughOnceWithoutPausing() {
        String result = outages(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5))
                .call("work", () -> "done");

        assertThat(result).isEqualTo("done");
        assertThat(pauses).isEmpty();
    }

    @Test
    void triesAgainAfterPausesDoublingUpToTheLongestWhileTheDatabaseIsAway() {
        AtomicInteger tries = new AtomicInteger();

        outages(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(5))
                .run("a batch", outageFor(7, Duration.ZERO, tries));

        assertThat(tries).hasValue(8);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(meters.counter("messaging.outage.retries").count()).isEqualTo(7);
    }

    @Test
    void ridesOutAThirtySecondOutageWithoutHandingTheMessageBack() {
        AtomicInteger tries = new AtomicInteger();
        // a try takes the pool's 2 s to give up; the database comes back 30 s into the outage
        Runnable work = () -> {
            if (clock.instant().isBefore(TestClock.START.plusSeconds(30))) {
                clock.advance(Duration.ofSeconds(2));
                tries.incrementAndGet();
                throw DATABASE_AWAY;
            }
        };

        outages(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5))
                .handle("q", new byte[0], Map.of(), work);

        assertThat(handedBack.queues).isEmpty();
        assertThat(tries.get()).isBetween(3, 10);
        assertThat(pauses).allSatisfy(pause -> assertThat(pause).isLessThanOrEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void handsTheMessageBackOnceTheOutageOutlastsTheHold() {
        AtomicInteger tries = new AtomicInteger();
        byte[] body = "{}".getBytes();
        Map<String, Object> headers = Map.of(AmqpHeaders.MESSAGE_ID, "event-1");

        outages(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(10))
                .handle("provider-events.meeting-service", body, headers, outageFor(100, Duration.ZERO, tries));

        // 1 + 2 + 4 = 7 s, then the 3 s left of the hold, then it is handed back
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(3));
        assertThat(tries).hasValue(5);
        assertThat(handedBack.queues).containsExactly("provider-events.meeting-service");
        assertThat(handedBack.pauses).containsExactly(Duration.ofSeconds(4));
        assertThat(handedBack.bodies).containsExactly(body);
        assertThat(handedBack.headers).containsExactly(headers);
        assertThat(meters.counter("messaging.outage.handbacks").count()).isEqualTo(1);
    }

    @Test
    void countsTheTimeATryTakesTowardTheHold() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> outages(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .run("slow work", outageFor(100, Duration.ofSeconds(30), tries)))
                .isInstanceOf(OutageRetry.StillDown.class)
                .hasMessageContaining("slow work still met an outage after 61 s held")
                .hasRootCauseMessage("Connection to 127.0.0.1:5432 refused");
        assertThat(tries).hasValue(2);
    }

    @Test
    void throwsAnyOtherFailureAtOnceWithoutPausing() {
        OutageRetry outages = outages(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
        IllegalArgumentException bad = new IllegalArgumentException("a session needs its id");

        assertThatThrownBy(() -> outages.handle("q", new byte[0], Map.of(), () -> {
            throw bad;
        })).isSameAs(bad);
        assertThat(pauses).isEmpty();
        assertThat(handedBack.queues).isEmpty();
    }

    @Test
    void throwsAFaultThatFollowsAnOutageAsItIs() {
        AtomicInteger tries = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("broken");

        assertThatThrownBy(() -> outages(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5))
                .run("work", () -> {
                    if (tries.incrementAndGet() == 1) {
                        throw new AmqpConnectException(new java.net.ConnectException("Connection refused"));
                    }
                    throw broken;
                })).isSameAs(broken);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void letsGoOfHeldMessagesAtOnceWhenTheServiceStops() {
        OutageRetry outages = outages(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
        outages.stop();

        outages.handle("q", new byte[0], Map.of(), () -> {
            throw DATABASE_AWAY;
        });

        assertThat(pauses).isEmpty();
        assertThat(handedBack.queues).containsExactly("q");
        assertThat(outages.isRunning()).isFalse();
    }

    @Test
    void aPauseCutShortByTheServiceStoppingHandsTheMessageBack() {
        OutageRetry outages = new OutageRetry(new OutageProperties(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(5)), handedBack, clock, meters, length -> false);

        outages.handle("q", new byte[0], Map.of(), () -> {
            throw DATABASE_AWAY;
        });

        assertThat(handedBack.queues).containsExactly("q");
    }

    @Test
    void aMessageThatCannotBeHandedBackGoesBackToItsQueueNotToItsDeadLetters() {
        handedBack.failWith = new AmqpConnectException(new java.net.ConnectException("Connection refused"));
        OutageRetry outages = outages(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);

        assertThatThrownBy(() -> outages.handle("q", new byte[0], Map.of(), () -> {
            throw DATABASE_AWAY;
        })).isInstanceOf(ImmediateRequeueAmqpException.class);
    }

    @Test
    void waitsOnTheMachinesClockAndWakesWhenTheServiceStops() throws Exception {
        OutageRetry outages = new OutageRetry(new OutageProperties(Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(5)), handedBack, Clock.systemUTC(), meters);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            outages.stop();
        });
        long started = System.nanoTime();
        stopper.start();

        outages.handle("q", new byte[0], Map.of(), () -> {
            throw DATABASE_AWAY;
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(handedBack.queues).containsExactly("q");
        stopper.join();
    }

    /** What was handed back, instead of a broker. */
    static final class HandedBack extends DelayedDelivery {

        final List<String> queues = new ArrayList<>();
        final List<Duration> pauses = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        final List<Map<String, Object>> headers = new ArrayList<>();
        RuntimeException failWith;

        @SuppressWarnings("DataFlowIssue")
        HandedBack() {
            super(null, null);
        }

        @Override
        public void again(Duration pause, String queue, byte[] body, Map<String, Object> headers) {
            if (failWith != null) {
                throw failWith;
            }
            this.queues.add(queue);
            this.pauses.add(pause);
            this.bodies.add(body);
            this.headers.add(headers);
        }
    }

    /** A clock the test moves on. */
    static final class TestClock extends Clock {

        static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
        private Instant now = START;

        void advance(Duration length) {
            now = now.plus(length);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
