package app.meetingbridge.meetings.recordings;

import app.meetingbridge.meetings.jobs.JobLockRepository;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.RecordingBucket;
import app.meetingbridge.meetings.provider.StoredRecording;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds a provider's recordings in its bucket (Whereby's): every media object written since the last scan (less an
 * hour of overlap) is announced, which catches what no bucket event brought. One instance runs it at a time
 * (advisory lock).
 */
@Component
@ConditionalOnBean(RecordingBucket.class)
public class BucketRecordingsScan {

    private static final Logger log = LoggerFactory.getLogger(BucketRecordingsScan.class);
    private static final Duration OVERLAP = Duration.ofHours(1);

    private final RecordingBucket bucket;
    private final String provider;
    private final RecordingAnnouncer announcer;
    private final RecordingPollStateRepository state;
    private final JobLockRepository jobs;
    private final MeterRegistry meters;
    private final Clock clock;
    /** How far back the first pass looks, before there is a high-water mark (a new deployment). */
    private final Duration firstLookback;

    BucketRecordingsScan(RecordingBucket bucket, RecordingAnnouncer announcer, RecordingPollStateRepository state,
                         JobLockRepository jobs, MeterRegistry meters, Clock clock,
                         RecordingsProperties settings) {
        this.bucket = bucket;
        this.provider = bucket.platform().wireName();
        this.announcer = announcer;
        this.state = state;
        this.jobs = jobs;
        this.meters = meters;
        this.clock = clock;
        this.firstLookback = settings.recordingsFirstLookback();
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.whereby-scan-interval:1h}",
            initialDelayString = "${app.lifecycle.recordings-poll-initial-delay:30s}")
    void scan() {
        jobs.runExclusively(provider + "-recordings-scan", () -> {
            try {
                scanOnce();
            } catch (ProviderUnavailableException e) {
                log.warn("the {} bucket {} could not be listed: {}", provider, bucket.bucket(), e.getMessage());
            }
        });
    }

    /** One pass; returns how many recordings it announced. */
    int scanOnce() {
        Instant mark = state.highWaterMark(provider).orElseGet(() -> clock.instant().minus(firstLookback));
        List<StoredRecording> recordings = bucket.recordingsSince(mark.minus(OVERLAP));
        Instant newest = mark;
        int announced = 0;
        for (StoredRecording recording : recordings) {
            try {
                announcer.announce(bucket.platform(), recording, provider + "-scan");
                announced++;
            } catch (DataIntegrityViolationException refused) {
                // this one object is more than the database takes (an over-long key): skipped, counted and logged,
                // and the pass goes on; an outage still ends the pass, mark unmoved
                log.error("{} recording {} cannot be stored; skipped: {}", provider, recording.key(),
                        refused.getMessage());
                meters.counter("recordings.poll.skipped", "provider", provider).increment();
            }
            if (recording.lastModified().isAfter(newest)) {
                newest = recording.lastModified();
            }
        }
        state.save(provider, newest, clock.instant());
        meters.counter("recordings.poll.announced", "provider", provider).increment(announced);
        log.info("{} bucket scan: {} recording(s) announced", provider, announced);
        return announced;
    }
}
