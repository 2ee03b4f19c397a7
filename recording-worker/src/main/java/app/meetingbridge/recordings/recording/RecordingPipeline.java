package app.meetingbridge.recordings.recording;

import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.storage.S3RecordingStore.PartListener;
import app.meetingbridge.recordings.storage.StorageException;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs a recording through its steps, keeping its state in the {@code recording} row: a step that already ran
 * (by the state) is not run again when the message comes back. A failure is counted on the row with its error
 * and the time of the next attempt (capped backoff); a retryable one is rethrown, so the delivery is retried and
 * ends in the dead-letter queue after the queue's delivery limit; a refused one (a key outside the provider's
 * bucket and prefix) is final.
 */
@Service
class RecordingPipeline {

    private static final Logger log = LoggerFactory.getLogger(RecordingPipeline.class);

    private final RecordingRepository recordings;
    private final @Nullable FetchStep fetch;
    private final Clock clock;

    RecordingPipeline(RecordingRepository recordings, ObjectProvider<S3RecordingStore> store, Clock clock) {
        this.recordings = recordings;
        S3RecordingStore s3 = store.getIfAvailable();
        this.fetch = s3 == null ? null : new FetchStep(s3);
        if (s3 == null) {
            log.warn("TRANSCRIPT_STORAGE_AWS_BUCKET_NAME is not set: recordings are registered but not fetched");
        }
        this.clock = clock;
    }

    void process(Recording recording) {
        process(recording, PartListener.NONE);
    }

    void process(Recording recording, PartListener afterPart) {
        if (fetch == null || !recording.state().needsFetch()) {
            return;
        }
        recordings.advance(recording.id(), RecordingState.FETCHING, clock.instant());
        try {
            fetch.run(recording, afterPart);
            recordings.advance(recording.id(), RecordingState.FETCHED, clock.instant());
        } catch (StorageException e) {
            Instant now = clock.instant();
            Instant next = e.reason().retryable() ? now.plus(RecordingState.backoff(recording.attempts())) : null;
            recordings.failed(recording.id(), e.reason() + ": " + e.getMessage(), next, now);
            if (e.reason().retryable()) {
                throw e;
            }
            log.error("recording {} of {} refused: {}", recording.providerRecordingId(), recording.platform(),
                    e.getMessage());
        }
    }
}
