package app.meetingbridge.meetings.providerevents;

import static app.meetingbridge.db.Tables.RECORDING_START;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Recordings the provider reported as started, with our instance id, so recordings link to meetings explicitly. */
@Repository
class RecordingStartRepository {

    private final DSLContext db;

    RecordingStartRepository(DSLContext db) {
        this.db = db;
    }

    void record(String platform, String providerRecordingId, @Nullable String meetingId, @Nullable String instanceId,
                Instant startedAt) {
        db.insertInto(RECORDING_START)
                .set(RECORDING_START.PLATFORM, platform)
                .set(RECORDING_START.PROVIDER_RECORDING_ID, providerRecordingId)
                .set(RECORDING_START.MEETING_ID, meetingId)
                .set(RECORDING_START.INSTANCE_ID, instanceId)
                .set(RECORDING_START.STARTED_AT, startedAt)
                .onConflict(RECORDING_START.PROVIDER_RECORDING_ID, RECORDING_START.PLATFORM)
                .doNothing()
                .execute();
    }

    /** The meeting a started recording was linked to when the provider reported its start, if it was. */
    Optional<String> meetingOf(String platform, String providerRecordingId) {
        return db.select(RECORDING_START.MEETING_ID).from(RECORDING_START)
                .where(RECORDING_START.PLATFORM.eq(platform))
                .and(RECORDING_START.PROVIDER_RECORDING_ID.eq(providerRecordingId))
                .and(RECORDING_START.MEETING_ID.isNotNull())
                .fetchOptional(RECORDING_START.MEETING_ID);
    }
}
