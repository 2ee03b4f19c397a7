package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.RECORDING_POLL_STATE;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Where a provider's recordings poller can stop its next pass (its high-water mark). */
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

    void save(String provider, Instant highWaterMark, Instant now) {
        db.insertInto(RECORDING_POLL_STATE)
                .set(RECORDING_POLL_STATE.PROVIDER, provider)
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, highWaterMark)
                .set(RECORDING_POLL_STATE.POLLED_AT, now)
                .onConflict(RECORDING_POLL_STATE.PROVIDER)
                .doUpdate()
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, highWaterMark)
                .set(RECORDING_POLL_STATE.POLLED_AT, now)
                .execute();
    }
}
