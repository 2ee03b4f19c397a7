package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.RECORDING;

import app.meetingbridge.events.recording.RecordingReady;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

@Repository
class RecordingRepository {

    private final DSLContext db;

    RecordingRepository(DSLContext db) {
        this.db = db;
    }

    /** Records a discovered recording once; a repeated message for the same provider recording changes nothing. */
    boolean insertIfAbsent(RecordingReady ready, String trackKeysJson, Instant now) {
        return db.insertInto(RECORDING)
                .set(RECORDING.ID, UUID.randomUUID().toString())
                .set(RECORDING.PLATFORM, ready.platform().wireName())
                .set(RECORDING.PROVIDER_RECORDING_ID, ready.providerRecordingId())
                .set(RECORDING.MEETING_ID, ready.meetingId())
                .set(RECORDING.RECORDING_TYPE, ready.kind().wireName())
                .set(RECORDING.BUCKET_NAME, ready.bucket())
                .set(RECORDING.OBJECT_KEY, ready.objectKeys().isEmpty() ? "" : ready.objectKeys().get(0))
                .set(RECORDING.TRACK_KEYS, JSONB.valueOf(trackKeysJson))
                .set(RECORDING.RECORDED_AT, ready.recordedAt())
                .set(RECORDING.CREATED_AT, now)
                .set(RECORDING.UPDATED_AT, now)
                .onConflict(RECORDING.PLATFORM, RECORDING.PROVIDER_RECORDING_ID)
                .doNothing()
                .execute() > 0;
    }
}
