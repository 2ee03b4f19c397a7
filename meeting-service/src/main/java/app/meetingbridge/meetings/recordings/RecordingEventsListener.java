package app.meetingbridge.meetings.recordings;

import app.meetingbridge.meetings.provider.RecordingEventQueue;
import app.meetingbridge.meetings.provider.RecordingEventQueue.RecordingEvent;
import app.meetingbridge.meetings.provider.StoredRecording;
import app.meetingbridge.messaging.Backoff;
import app.meetingbridge.messaging.OutageRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads a provider's bucket events (Whereby's S3 events on SQS, {@code AWS_PROCESS_RECORDING_QUEUE_URL}) on its own
 * thread, with long polls, and announces every recording they say was written. A message is deleted once what it
 * says has been announced. While the database does not answer, the message is held and announced again with capped
 * backoff ({@link OutageRetry}; nothing new is read meanwhile), so an outage does not spend the receives its redrive
 * policy allows; a message that fails otherwise, or whose outage outlasts the hold, stays in the queue, comes back
 * after its visibility timeout, and moves to the queue's dead-letter queue once its redrive policy says so. Any
 * number of instances may read the queue: a recording announced twice is announced once.
 */
@Component
@ConditionalOnBean(RecordingEventQueue.class)
class RecordingEventsListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RecordingEventsListener.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final RecordingEventQueue queue;
    private final String provider;
    private final RecordingAnnouncer announcer;
    private final MeterRegistry meters;
    private final OutageRetry outages;
    private volatile boolean running;
    private Thread thread;

    RecordingEventsListener(RecordingEventQueue queue, RecordingAnnouncer announcer, MeterRegistry meters,
                            OutageRetry outages) {
        this.queue = queue;
        this.provider = queue.platform().wireName();
        this.announcer = announcer;
        this.meters = meters;
        this.outages = outages;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, provider + "-recording-events");
        thread.setDaemon(true);
        thread.start();
        log.info("reading the {} bucket's events from {}", provider, queue.url());
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        int failures = 0;
        while (running) {
            try {
                List<RecordingEvent> events = queue.receive();
                failures = 0;
                events.forEach(this::on);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                Duration pause = pause(failures);
                log.warn("the {} recording queue could not be read ({}); trying again in {} s", provider,
                        e.getMessage(), pause.toSeconds());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** 1, 2, 4 … seconds between failed reads, at most 30. */
    static Duration pause(int failures) {
        return Backoff.doubling(Duration.ofSeconds(1), MAX_PAUSE, failures);
    }

    void on(RecordingEvent event) {
        try {
            outages.run("queued message " + event.id(), () -> event.recordings().forEach(this::announce));
        } catch (RuntimeException e) {
            count("failed");
            log.warn("queued message {} could not be announced ({}); it comes back after its visibility timeout",
                    event.id(), e.getMessage());
            return;
        }
        queue.delete(event);
    }

    private void announce(StoredRecording recording) {
        announcer.announce(queue.platform(), recording, provider + "-sqs");
        count("announced");
    }

    private void count(String outcome) {
        meters.counter("recordings.queue.events", "provider", provider, "outcome", outcome).increment();
    }
}
