package app.meetingbridge.meetings.meeting;

import app.meetingbridge.meetings.provider.whereby.S3EventNotification;
import app.meetingbridge.meetings.provider.whereby.S3EventNotification.CreatedObject;
import app.meetingbridge.meetings.provider.whereby.S3EventNotification.MalformedNotification;
import app.meetingbridge.meetings.provider.whereby.WherebyRecordingQueue;
import app.meetingbridge.meetings.provider.whereby.WherebyRecordingQueue.QueuedMessage;
import app.meetingbridge.meetings.provider.whereby.WherebyRecordingsBucket;
import app.meetingbridge.meetings.provider.whereby.WherebyRecordingsBucket.StoredRecording;
import app.meetingbridge.messaging.Backoff;
import app.meetingbridge.messaging.OutageRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the Whereby bucket's S3 events from SQS ({@code AWS_PROCESS_RECORDING_QUEUE_URL}) on its own thread, with
 * long polls, and announces every recording (video object) they say was written. A message is deleted once what
 * it says has been announced (or refused: an object of another bucket, or not a video). While the database does not
 * answer, the message is held and announced again with capped backoff ({@link OutageRetry}; nothing new is read
 * meanwhile), so an outage does not spend the receives its redrive policy allows; a message that is not an S3 event
 * notification, that fails otherwise, or whose outage outlasts the hold, stays in the queue, comes back after its
 * visibility timeout, and moves to the queue's dead-letter queue once its redrive policy says so. Any number of
 * instances may read the queue: a recording announced twice is announced once.
 */
@Component
@ConditionalOnExpression("'${app.providers.whereby.recording-queue.url:}' != ''")
class WherebyRecordingEventsListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WherebyRecordingEventsListener.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final WherebyRecordingQueue queue;
    private final WherebyRecordingsBucket bucket;
    private final WherebyRecordingAnnouncer announcer;
    private final MeterRegistry meters;
    private final OutageRetry outages;
    private volatile boolean running;
    private Thread thread;

    WherebyRecordingEventsListener(WherebyRecordingQueue queue, ObjectProvider<WherebyRecordingsBucket> bucket,
                                   WherebyRecordingAnnouncer announcer, MeterRegistry meters, OutageRetry outages) {
        this.queue = queue;
        this.bucket = bucket.getIfAvailable();
        if (this.bucket == null) {
            throw new IllegalStateException("AWS_PROCESS_RECORDING_QUEUE_URL is set but Whereby is not enabled "
                    + "(WHEREBY_API_KEY and WHEREBY_STORAGE_AWS_BUCKET_NAME)");
        }
        this.announcer = announcer;
        this.meters = meters;
        this.outages = outages;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "whereby-recording-events");
        thread.setDaemon(true);
        thread.start();
        log.info("reading the Whereby bucket's S3 events from {}", queue.url());
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
                List<QueuedMessage> messages = queue.receive();
                failures = 0;
                messages.forEach(this::on);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                Duration pause = pause(failures);
                log.warn("the Whereby recording queue could not be read ({}); trying again in {} s", e.getMessage(),
                        pause.toSeconds());
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

    void on(QueuedMessage message) {
        List<CreatedObject> created;
        try {
            created = S3EventNotification.createdObjects(message.body());
        } catch (MalformedNotification e) {
            count("malformed");
            log.warn("SQS message {} is not an S3 event notification ({}); left in the queue for its redrive policy "
                    + "(received {} time(s))", message.id(), e.getMessage(), message.receiveCount());
            return;
        }
        try {
            outages.run("SQS message " + message.id(), () -> created.forEach(this::announce));
        } catch (RuntimeException e) {
            count("failed");
            log.warn("SQS message {} could not be announced ({}); it comes back after its visibility timeout",
                    message.id(), e.getMessage());
            return;
        }
        queue.delete(message);
    }

    private void announce(CreatedObject object) {
        if (!object.bucket().equals(bucket.bucket())) {
            count("refused");
            log.warn("S3 event for {}/{} refused: not the Whereby bucket {}", object.bucket(), object.key(),
                    bucket.bucket());
            return;
        }
        if (!StoredRecording.isMedia(object.key())) {
            count("ignored");
            return;
        }
        announcer.announce(StoredRecording.of(object.key(), object.createdAt()), "whereby-sqs");
        count("announced");
    }

    private void count(String outcome) {
        meters.counter("recordings.queue.events", "provider", "whereby", "outcome", outcome).increment();
    }
}
