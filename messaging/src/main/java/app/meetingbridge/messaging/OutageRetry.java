package app.meetingbridge.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.context.SmartLifecycle;

/**
 * Rides a consumer out of an outage of the database or the broker, so that a healthy message is never dead-lettered
 * for it. The consumer's work runs; while it fails with an {@link FailureKind#OUTAGE}, it runs again after a pause
 * that doubles from the first pause up to the longest. Meanwhile the message is held: not acknowledged and not
 * returned, so the queue counts no failed delivery and the consumer, busy with it, takes nothing new (it pauses, it
 * does not spin through the queue). Once a message has been held for the hold time, or as soon as the service stops,
 * it is handed back instead: parked for the longest pause in a delay queue of its queue ({@code <queue>.outage.<ms>}),
 * which then puts it on its queue again, and acknowledged. A failure of any other kind is the caller's at once, to
 * count toward the message's limit.
 *
 * <p>The first outage a message meets is logged as a warning, its recovery as information, and nothing in between:
 * a long outage does not fill the log. Metrics: {@code messaging.outage.retries} (tries again after an outage) and
 * {@code messaging.outage.handbacks} (messages handed back after the hold).
 */
public class OutageRetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutageRetry.class);

    private final OutageProperties properties;
    private final DelayedDelivery delayed;
    private final Clock clock;
    private final Pause pause;
    private final Counter retries;
    private final Counter handBacks;
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;

    OutageRetry(OutageProperties properties, DelayedDelivery delayed, Clock clock, MeterRegistry meters) {
        this(properties, delayed, clock, meters, null);
    }

    /** @param pause how to wait; null: wait on the clock of the machine, woken when the service stops */
    OutageRetry(OutageProperties properties, DelayedDelivery delayed, Clock clock, MeterRegistry meters,
                @Nullable Pause pause) {
        this.properties = properties;
        this.delayed = delayed;
        this.clock = clock;
        this.pause = pause != null ? pause : length -> !stopping.await(length.toMillis(), TimeUnit.MILLISECONDS);
        this.retries = Counter.builder("messaging.outage.retries")
                .description("Tries again of a message's work after the database or the broker did not answer")
                .register(meters);
        this.handBacks = Counter.builder("messaging.outage.handbacks")
                .description("Messages handed back to their queue after an outage outlasted the hold")
                .register(meters);
    }

    /**
     * Runs {@code work} for one message and, if an outage outlasts the hold, hands the message back to {@code queue}
     * (then this returns normally, and the message is acknowledged). Any other failure is thrown as it is.
     *
     * @param headers the message's headers as Spring Cloud Stream gives them: kept when it is handed back
     */
    public void handle(String queue, byte[] body, Map<String, Object> headers, Runnable work) {
        try {
            run(describe(queue, headers), work);
        } catch (StillDown down) {
            handBack(queue, body, headers);
            log.warn("{}; handed back, it comes again in {}", down.getMessage(), words(properties.longestPause()));
        }
    }

    /** As {@link #call}, for work that returns nothing. */
    public void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work}, again after each outage it meets, until it goes through (its result is returned) or fails
     * otherwise (that failure is thrown as it is).
     *
     * @param what names the work in the log ("a batch of 12 provider events")
     * @throws StillDown when the outage outlasted the hold, or the service is stopping: hand the message back
     */
    public <T> T call(String what, Supplier<T> work) {
        Instant since = clock.instant();
        for (int tries = 1; ; tries++) {
            try {
                T result = work.get();
                if (tries > 1) {
                    log.info("{} went through after {} tries, {} after its first", what, tries,
                            words(Duration.between(since, clock.instant())));
                }
                return result;
            } catch (StillDown nested) {
                throw nested;
            } catch (RuntimeException failure) {
                if (FailureKind.of(failure) != FailureKind.OUTAGE) {
                    throw failure;
                }
                Duration held = Duration.between(since, clock.instant());
                Duration wait = pauseAfter(tries, held);
                if (wait == null) {
                    throw new StillDown(what, held, failure);
                }
                if (tries == 1) {
                    log.warn("{} met an outage ({}); held, and tried again after pauses of up to {} for up to {}",
                            what, DeadLetters.reason(failure), words(properties.longestPause()),
                            words(properties.hold()));
                } else {
                    log.debug("{}: outage still on after {} tries ({})", what, tries, DeadLetters.reason(failure));
                }
                sleep(what, wait, held, failure);
                retries.increment();
            }
        }
    }

    /**
     * The pause before the next try, after {@code tries} tries that met an outage over {@code held}; null when the
     * message is to be handed back: held for the whole hold already, or the service is stopping.
     */
    @Nullable Duration pauseAfter(int tries, Duration held) {
        if (!running || held.compareTo(properties.hold()) >= 0) {
            return null;
        }
        Duration next = Backoff.doubling(properties.firstPause(), properties.longestPause(), tries);
        Duration left = properties.hold().minus(held);
        return next.compareTo(left) <= 0 ? next : left;
    }

    /**
     * Parks the message for the longest pause in {@code <queue>.outage.<ms>}, from which it comes back to
     * {@code queue}, confirmed by the broker before this returns (the caller then acknowledges it). Where even that
     * fails, the message goes back to its queue at once (which counts one delivery) rather than to its dead-letter
     * queue.
     */
    public void handBack(String queue, byte[] body, Map<String, Object> headers) {
        try {
            delayed.again(properties.longestPause(), queue, body, headers);
        } catch (RuntimeException e) {
            log.warn("{} could not be handed back ({}); it goes back to its queue", describe(queue, headers),
                    DeadLetters.reason(e));
            throw new ImmediateRequeueAmqpException("handing back after an outage failed", e);
        }
        handBacks.increment();
    }

    private void sleep(String what, Duration wait, Duration held, RuntimeException failure) {
        try {
            if (!pause.sleep(wait)) {
                throw new StillDown(what, held, failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StillDown(what, held, failure);
        }
    }

    /** "30 s", "700 ms". */
    static String words(Duration length) {
        return length.toMillis() % 1000 == 0 ? length.toSeconds() + " s" : length.toMillis() + " ms";
    }

    private static String describe(String queue, Map<String, Object> headers) {
        Object id = headers.get(AmqpHeaders.MESSAGE_ID);
        return "message " + (id == null ? "(no id)" : id) + " of " + queue;
    }

    /** Held messages are let go at once when the service stops, before its consumers stop. */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
    }

    @Override
    public void start() {
        stopping = new CountDownLatch(1);
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Waits; false when woken because the service stops. */
    interface Pause {
        boolean sleep(Duration length) throws InterruptedException;
    }

    /** The outage outlasted the hold (or the service is stopping): the message is to be handed back. */
    public static final class StillDown extends RuntimeException {

        StillDown(String what, Duration held, Throwable outage) {
            super(what + " still met an outage after " + words(held) + " held (" + DeadLetters.reason(outage) + ")",
                    outage);
        }
    }
}
