package app.meetingbridge.meetings.recordings;

import static app.meetingbridge.db.Tables.RECORDING_POLL_STATE;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Where a provider's recordings poller can stop its next pass (its high-water mark), and where an unfinished pass
 * (one that reached its page cap first) goes on from.
 */
@Repository
class RecordingPollStateRepository {

    private final DSLContext db;

    RecordingPollStateRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Instant> highWaterMark(String provider) {
        return db.select(RECORDING_POLL_STATE.HIGH_WATER_MARK).from(RECORDING_POLL_STATE)
                .where(RECORDING_POLL_STATE.PROVIDER.eq(provider)).fetchOptional(RECORDING_POLL_STATE.HIGH_WATER_MARK);
    }

    Optional<PollState> find(String provider) {
        return db.selectFrom(RECORDING_POLL_STATE).where(RECORDING_POLL_STATE.PROVIDER.eq(provider))
                .fetchOptional(row -> new PollState(row.getHighWaterMark(), row.getResumeCursor() == null ? null
                        : new Resume(row.getResumeCursor(), new PollProgress(row.getResumeNewestAnnounced(),
                                row.getResumeOldestUnfinished()))));
    }

    /** A whole pass: the next one starts from the newest recordings and stops at {@code highWaterMark}. */
    void save(String provider, Instant highWaterMark, Instant now) {
        save(provider, highWaterMark, null, now);
    }

    /**
     * A pass that stopped at its page cap: the mark stays {@code highWaterMark} and the next pass goes on from
     * {@code resume}.
     */
    void save(String provider, Instant highWaterMark, @Nullable Resume resume, Instant now) {
        String cursor = resume == null ? null : resume.cursor();
        Instant newest = resume == null ? null : resume.progress().newestAnnounced();
        Instant unfinished = resume == null ? null : resume.progress().oldestUnfinished();
        db.insertInto(RECORDING_POLL_STATE)
                .set(RECORDING_POLL_STATE.PROVIDER, provider)
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, highWaterMark)
                .set(RECORDING_POLL_STATE.POLLED_AT, now)
                .set(RECORDING_POLL_STATE.RESUME_CURSOR, cursor)
                .set(RECORDING_POLL_STATE.RESUME_NEWEST_ANNOUNCED, newest)
                .set(RECORDING_POLL_STATE.RESUME_OLDEST_UNFINISHED, unfinished)
                .onConflict(RECORDING_POLL_STATE.PROVIDER)
                .doUpdate()
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, highWaterMark)
                .set(RECORDING_POLL_STATE.POLLED_AT, now)
                .set(RECORDING_POLL_STATE.RESUME_CURSOR, cursor)
                .set(RECORDING_POLL_STATE.RESUME_NEWEST_ANNOUNCED, newest)
                .set(RECORDING_POLL_STATE.RESUME_OLDEST_UNFINISHED, unfinished)
                .execute();
    }

    /** The mark, and where the unfinished pass stopped, if the last one was not whole. */
    record PollState(Instant highWaterMark, @Nullable Resume resume) {
    }

    /** The provider's cursor after the last page an unfinished pass read, and what that pass had found. */
    record Resume(String cursor, PollProgress progress) {
    }
}
