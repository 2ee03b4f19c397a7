package app.meetingbridge.meetings.meeting;

import app.meetingbridge.meetings.provider.whereby.WherebyRecordingsBucket;
import app.meetingbridge.meetings.provider.whereby.WherebyRecordingsBucket.StoredRecording;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Finds Whereby's recordings in its bucket: every media object written since the last scan (less an hour of
 * overlap) is announced, which catches what no S3 event brought. One instance runs it at a time (advisory lock).
 */
@Component
@ConditionalOnBean(WherebyRecordingsBucket.class)
class WherebyRecordingsScan {

    private static final Logger log = LoggerFactory.getLogger(WherebyRecordingsScan.class);
    static final String PROVIDER = "whereby";
    private static final Duration OVERLAP = Duration.ofHours(1);

    private final WherebyRecordingsBucket bucket;
    private final WherebyRecordingAnnouncer announcer;
    private final RecordingPollStateRepository state;
    private final JobLockRepository jobs;
    private final MeterRegistry meters;
    private final Clock clock;
    /** How far back the first pass looks, before there is a high-water mark (a new deployment). */
    private final Duration firstLookback;

    WherebyRecordingsScan(WherebyRecordingsBucket bucket, WherebyRecordingAnnouncer announcer, RecordingPollStateRepository state,
                          JobLockRepository jobs, MeterRegistry meters, Clock clock,
                          @Value("${app.lifecycle.recordings-first-lookback:24h}") Duration firstLookback) {
        this.bucket = bucket;
        this.announcer = announcer;
        this.state = state;
        this.jobs = jobs;
        this.meters = meters;
        this.clock = clock;
        this.firstLookback = firstLookback;
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.whereby-scan-interval:1h}",
            initialDelayString = "${app.lifecycle.recordings-poll-initial-delay:30s}")
    void scan() {
        jobs.runExclusively("whereby-recordings-scan", () -> {
            try {
                scanOnce();
            } catch (SdkException e) {
                log.warn("the Whereby bucket {} could not be listed: {}", bucket.bucket(), e.getMessage());
            }
        });
    }

    /** One pass; returns how many recordings it announced. */
    int scanOnce() {
        Instant mark = state.highWaterMark(PROVIDER).orElseGet(() -> clock.instant().minus(firstLookback));
        List<StoredRecording> recordings = bucket.recordingsSince(mark.minus(OVERLAP));
        Instant newest = mark;
        int announced = 0;
        for (StoredRecording recording : recordings) {
            try {
                announcer.announce(recording, "whereby-scan");
                announced++;
            } catch (DataIntegrityViolationException refused) {
                // this one object is more than the database takes (an over-long key): skipped, counted and logged,
                // and the pass goes on; an outage still ends the pass, mark unmoved
                log.error("Whereby recording {} cannot be stored; skipped: {}", recording.key(), refused.getMessage());
                meters.counter("recordings.poll.skipped", "provider", PROVIDER).increment();
            }
            if (recording.lastModified().isAfter(newest)) {
                newest = recording.lastModified();
            }
        }
        state.save(PROVIDER, newest, clock.instant());
        meters.counter("recordings.poll.announced", "provider", PROVIDER).increment(announced);
        log.info("Whereby bucket scan: {} recording(s) announced", announced);
        return announced;
    }
}
