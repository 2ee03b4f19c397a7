package app.meetingbridge.meetings.recordings;

import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.jobs.JobLockRepository;
import app.meetingbridge.meetings.provider.ListedRecording;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.RecordingCatalogue;
import app.meetingbridge.meetings.providerevents.ProviderEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds the recordings no webhook brought in a provider's list of recordings (Daily's {@code GET /recordings}):
 * pages it (newest first, cursor = the last recording id of the page) back to its high-water mark (less an hour of
 * overlap), skips recordings still in progress, and announces each finished one through the same path as the
 * provider's recording webhook, whose deterministic {@code recording.ready} id makes a recording both found
 * announced once. The mark then moves to the newest recording announced, but never past the oldest one seen
 * unfinished ({@link PollProgress}). A pass reads at most {@code DAILY_RECORDINGS_POLL_MAX_PAGES} pages: one that
 * reaches the cap before the mark keeps the mark where it was and stores its cursor and what it found, and the next
 * pass goes on from that cursor (so a backlog of any length is read, a few pages per pass, and no recording below
 * the cap is passed over). A recording the database refuses (an over-long id) is skipped and counted rather than
 * stopping every pass. One instance runs it at a time (advisory lock).
 */
@Component
@ConditionalOnBean(RecordingCatalogue.class)
public class RecordingsPoller {

    private static final Logger log = LoggerFactory.getLogger(RecordingsPoller.class);
    private static final Duration OVERLAP = Duration.ofHours(1);

    private final RecordingCatalogue catalogue;
    private final String provider;
    private final ProviderEventHandler events;
    private final RecordingPollStateRepository state;
    private final JobLockRepository jobs;
    private final MeterRegistry meters;
    private final Clock clock;
    /** How far back the first pass looks, before there is a high-water mark (a new deployment). */
    private final Duration firstLookback;
    /** The most pages one pass reads; a longer backlog is read on by the following passes. */
    private final int maxPages;

    RecordingsPoller(RecordingCatalogue catalogue, ProviderEventHandler events, RecordingPollStateRepository state,
                     JobLockRepository jobs, MeterRegistry meters, Clock clock,
                     RecordingsProperties settings) {
        this.catalogue = catalogue;
        this.provider = catalogue.platform().wireName();
        this.events = events;
        this.state = state;
        this.jobs = jobs;
        this.meters = meters;
        this.clock = clock;
        this.firstLookback = settings.recordingsFirstLookback();
        this.maxPages = settings.recordingsPollMaxPages();
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.recordings-poll-interval:3m}",
            initialDelayString = "${app.lifecycle.recordings-poll-initial-delay:30s}")
    void poll() {
        jobs.runExclusively(provider + "-recordings-poll", () -> {
            try {
                pollOnce();
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                log.warn("{} recordings could not be listed: {}", provider, e.getMessage());
            }
        });
    }

    /**
     * One pass, from where the last one stopped at its page cap or else from the newest recording; returns how many
     * finished recordings it announced.
     */
    int pollOnce() {
        RecordingPollStateRepository.PollState stored = state.find(provider).orElse(null);
        Instant mark = stored == null ? clock.instant().minus(firstLookback) : stored.highWaterMark();
        Instant stopBefore = mark.minus(OVERLAP);
        RecordingPollStateRepository.Resume resume = stored == null ? null : stored.resume();
        PollProgress progress = resume == null ? PollProgress.from(mark) : resume.progress();
        String cursor = resume == null ? null : resume.cursor();
        int announced = 0;
        boolean complete = false; // reached the mark, or the end of the list
        pages:
        for (int page = 0; page < maxPages; page++) {
            List<ListedRecording> recordings;
            try {
                recordings = catalogue.recordings(cursor);
            } catch (ProviderRejectedException refused) {
                if (page > 0 || resume == null) {
                    throw refused;
                }
                // the provider refuses the cursor an unfinished pass stored (its recording deleted, say): start again from
                // the newest, towards the same mark; what is found twice is announced once
                log.warn("{} refused to go on from recording {} ({}); this pass starts again from the newest",
                        provider, cursor, refused.getMessage());
                progress = PollProgress.from(mark);
                cursor = null;
                resume = null;
                recordings = catalogue.recordings(null);
            }
            for (ListedRecording recording : recordings) {
                if (recording.startedAt().isBefore(stopBefore)) {
                    complete = true;
                    break pages;
                }
                if (recording.state() == ListedRecording.State.UNFINISHED) {
                    progress = progress.unfinished(recording.startedAt()); // the next pass looks at it again
                    continue;
                }
                if (recording.state() == ListedRecording.State.CANCELED) {
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
                    log.error("{} recording {} of room {} cannot be stored; skipped: {}", provider, recording.id(),
                            recording.roomName(), refused.getMessage());
                    meters.counter("recordings.poll.skipped", "provider", provider).increment();
                    continue;
                }
                announced++;
                progress = progress.announced(recording.startedAt());
            }
            if (recordings.size() < catalogue.pageSize()) {
                complete = true;
                break;
            }
            cursor = recordings.get(recordings.size() - 1).id();
        }
        meters.counter("recordings.poll.announced", "provider", provider).increment(announced);
        if (!complete) {
            state.save(provider, mark, new RecordingPollStateRepository.Resume(cursor, progress), clock.instant());
            log.info("{} recordings poll: {} finished recording(s) announced, {} pages read without reaching the "
                    + "mark; the next pass goes on after recording {}", provider, announced, maxPages, cursor);
            return announced;
        }
        Instant next = progress.nextMark();
        state.save(provider, next, clock.instant());
        log.info("{} recordings poll: {} finished recording(s) announced, next pass stops at {}", provider,
                announced, next.minus(OVERLAP));
        return announced;
    }

    /** What the webhook would have said of this recording; null when it has nothing to fetch. */
    private @Nullable RecordingFinished toEvent(ListedRecording recording) {
        boolean rawTracks = recording.kind() == RecordingReady.Kind.RAW_TRACKS;
        if (rawTracks ? recording.audioKeys().isEmpty() : recording.s3Key() == null) {
            log.warn("{} recording {} of {} has nothing to fetch; skipped", provider, recording.id(),
                    recording.roomName());
            return null;
        }
        return new RecordingFinished(provider + "-poll:" + recording.id(), clock.instant(), catalogue.platform(),
                recording.roomName(), recording.id(), recording.kind(), recording.startedAt(),
                recording.durationSeconds(), recording.s3Key(), recording.audioKeys());
    }
}
