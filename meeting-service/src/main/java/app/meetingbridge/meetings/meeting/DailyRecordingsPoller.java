package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.daily.DailyRecording;
import app.meetingbridge.meetings.provider.daily.DailyVideoProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds the Daily recordings no webhook brought: pages {@code GET /recordings} (newest first, cursor = the last
 * recording id of the page) back to its high-water mark (less an hour of overlap), skips recordings still in
 * progress, and announces each finished one through the same path as the {@code recording.ready-to-download}
 * webhook, whose deterministic {@code recording.ready} id makes a recording both found announced once. The mark
 * then moves to the newest recording announced, but never past the oldest one seen unfinished ({@link PollProgress}).
 * A pass reads at most {@code DAILY_RECORDINGS_POLL_MAX_PAGES} pages: one that reaches the cap before the mark
 * keeps the mark where it was and stores its cursor and what it found, and the next pass goes on from that cursor
 * (so a backlog of any length is read, a few pages per pass, and no recording below the cap is passed over). A
 * recording the database refuses (an over-long id) is skipped and counted rather than stopping every pass. One
 * instance runs it at a time (advisory lock).
 */
@Component
@ConditionalOnBean(DailyVideoProvider.class)
class DailyRecordingsPoller {

    private static final Logger log = LoggerFactory.getLogger(DailyRecordingsPoller.class);
    static final String PROVIDER = "daily";
    private static final Duration OVERLAP = Duration.ofHours(1);
    private static final int PAGE = 100;

    private final DailyVideoProvider daily;
    private final ProviderEventHandler events;
    private final RecordingPollStateRepository state;
    private final JobLockRepository jobs;
    private final MeterRegistry meters;
    private final Clock clock;
    /** How far back the first pass looks, before there is a high-water mark (a new deployment). */
    private final Duration firstLookback;
    /** The most pages one pass reads; a longer backlog is read on by the following passes. */
    private final int maxPages;

    DailyRecordingsPoller(DailyVideoProvider daily, ProviderEventHandler events, RecordingPollStateRepository state,
                          JobLockRepository jobs, MeterRegistry meters, Clock clock,
                          @Value("${app.lifecycle.recordings-first-lookback:24h}") Duration firstLookback,
                          @Value("${app.lifecycle.recordings-poll-max-pages:20}") int maxPages) {
        if (maxPages < 1) {
            throw new IllegalStateException("DAILY_RECORDINGS_POLL_MAX_PAGES must be at least 1, not " + maxPages);
        }
        this.daily = daily;
        this.events = events;
        this.state = state;
        this.jobs = jobs;
        this.meters = meters;
        this.clock = clock;
        this.firstLookback = firstLookback;
        this.maxPages = maxPages;
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.recordings-poll-interval:3m}",
            initialDelayString = "${app.lifecycle.recordings-poll-initial-delay:30s}")
    void poll() {
        jobs.runExclusively("daily-recordings-poll", () -> {
            try {
                pollOnce();
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                log.warn("Daily recordings could not be listed: {}", e.getMessage());
            }
        });
    }

    /**
     * One pass, from where the last one stopped at its page cap or else from the newest recording; returns how many
     * finished recordings it announced.
     */
    int pollOnce() {
        RecordingPollStateRepository.PollState stored = state.find(PROVIDER).orElse(null);
        Instant mark = stored == null ? clock.instant().minus(firstLookback) : stored.highWaterMark();
        Instant stopBefore = mark.minus(OVERLAP);
        RecordingPollStateRepository.Resume resume = stored == null ? null : stored.resume();
        PollProgress progress = resume == null ? PollProgress.from(mark) : resume.progress();
        String cursor = resume == null ? null : resume.cursor();
        int announced = 0;
        boolean complete = false; // reached the mark, or the end of the list
        pages:
        for (int page = 0; page < maxPages; page++) {
            List<DailyRecording> recordings;
            try {
                recordings = daily.recordings(cursor, null);
            } catch (ProviderRejectedException refused) {
                if (page > 0 || resume == null) {
                    throw refused;
                }
                // Daily refuses the cursor an unfinished pass stored (its recording deleted, say): start again from the
                // newest, towards the same mark; what is found twice is announced once
                log.warn("Daily refused to go on from recording {} ({}); this pass starts again from the newest",
                        cursor, refused.getMessage());
                progress = PollProgress.from(mark);
                cursor = null;
                resume = null;
                recordings = daily.recordings(null, null);
            }
            for (DailyRecording recording : recordings) {
                if (recording.startedAt().isBefore(stopBefore)) {
                    complete = true;
                    break pages;
                }
                if (recording.inProgress() || recording.finished() && recording.durationSeconds() == null) {
                    progress = progress.unfinished(recording.startedAt()); // the next pass looks at it again
                    continue;
                }
                if (!recording.finished()) {
                    continue; // canceled: never to be fetched, and no reason to hold the mark
                }
                RecordingFinished finished = toEvent(recording);
                if (finished == null) {
                    continue;
                }
                try {
                    events.handle(finished);
                } catch (DataIntegrityViolationException refused) {
                    // this one recording is more than the database takes (an over-long id or name): it is skipped,
                    // counted and logged, and the pass goes on; an outage still ends the pass, mark unmoved
                    log.error("Daily recording {} of room {} cannot be stored; skipped: {}", recording.id(),
                            recording.roomName(), refused.getMessage());
                    meters.counter("recordings.poll.skipped", "provider", PROVIDER).increment();
                    continue;
                }
                announced++;
                progress = progress.announced(recording.startedAt());
            }
            if (recordings.size() < PAGE) {
                complete = true;
                break;
            }
            cursor = recordings.get(recordings.size() - 1).id();
        }
        meters.counter("recordings.poll.announced", "provider", PROVIDER).increment(announced);
        if (!complete) {
            state.save(PROVIDER, mark, new RecordingPollStateRepository.Resume(cursor, progress), clock.instant());
            log.info("Daily recordings poll: {} finished recording(s) announced, {} pages read without reaching the "
                    + "mark; the next pass goes on after recording {}", announced, maxPages, cursor);
            return announced;
        }
        Instant next = progress.nextMark();
        state.save(PROVIDER, next, clock.instant());
        log.info("Daily recordings poll: {} finished recording(s) announced, next pass stops at {}", announced,
                next.minus(OVERLAP));
        return announced;
    }

    /** What the webhook would have said of this recording; null when it has nothing to fetch. */
    private @Nullable RecordingFinished toEvent(DailyRecording recording) {
        List<String> audio = recording.tracks().stream().filter(track -> "audio".equals(track.type()))
                .map(DailyRecording.Track::s3Key).toList();
        boolean rawTracks = recording.kind() == DailyRecording.Kind.RAW_TRACKS;
        if (rawTracks ? audio.isEmpty() : recording.s3Key() == null) {
            log.warn("Daily recording {} of {} has nothing to fetch; skipped", recording.id(), recording.roomName());
            return null;
        }
        return new RecordingFinished("daily-poll:" + recording.id(), clock.instant(), Platform.DAILY,
                recording.roomName(), recording.id(), rawTracks ? RecordingReady.Kind.RAW_TRACKS : RecordingReady.Kind.CLOUD,
                recording.startedAt(), recording.durationSeconds(), recording.s3Key(), rawTracks ? audio : List.of());
    }
}
