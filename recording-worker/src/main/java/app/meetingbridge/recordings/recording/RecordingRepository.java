package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.RECORDING;

import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.events.recording.RecordingReady;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class RecordingRepository {

    private static final TypeReference<java.util.List<String>> KEYS = new TypeReference<>() {
    };

    private final DSLContext db;
    private final JsonMapper json;

    RecordingRepository(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records a discovered recording once; a repeated message for the same provider recording changes nothing. */
    boolean insertIfAbsent(RecordingReady ready, Instant now) {
        return db.insertInto(RECORDING)
                .set(RECORDING.ID, UUID.randomUUID().toString())
                .set(RECORDING.PLATFORM, ready.platform().wireName())
                .set(RECORDING.PROVIDER_RECORDING_ID, ready.providerRecordingId())
                .set(RECORDING.MEETING_ID, ready.meetingId() == null ? null // a meeting gone since: unlinked, not refused
                        : DSL.field(DSL.select(MEETING.ID).from(MEETING).where(MEETING.ID.eq(ready.meetingId()))))
                .set(RECORDING.RECORDING_TYPE, ready.kind().wireName())
                .set(RECORDING.BUCKET_NAME, ready.bucket())
                .set(RECORDING.OBJECT_KEY, ready.objectKeys().isEmpty() ? "" : ready.objectKeys().get(0))
                .set(RECORDING.TRACK_KEYS, JSONB.valueOf(json.writeValueAsString(ready.objectKeys())))
                .set(RECORDING.RECORDED_AT, ready.recordedAt())
                .set(RECORDING.CREATED_AT, now)
                .set(RECORDING.UPDATED_AT, now)
                .onConflict(RECORDING.PLATFORM, RECORDING.PROVIDER_RECORDING_ID)
                .doNothing()
                .execute() > 0;
    }

    Optional<Recording> find(String platform, String providerRecordingId) {
        return find(RECORDING.PLATFORM.eq(platform).and(RECORDING.PROVIDER_RECORDING_ID.eq(providerRecordingId)));
    }

    Optional<Recording> findById(String id) {
        return find(RECORDING.ID.eq(id));
    }

    /** The recordings of a meeting. */
    java.util.List<Recording> findByMeeting(String meetingId) {
        return db.selectFrom(RECORDING).where(RECORDING.MEETING_ID.eq(meetingId)).fetch(this::toRecording);
    }

    private Optional<Recording> find(org.jooq.Condition which) {
        return db.selectFrom(RECORDING)
                .where(which)
                .fetchOptional(this::toRecording);
    }

    private Recording toRecording(RecordingRecord row) {
        return new Recording(row.getId(), row.getPlatform(), row.getProviderRecordingId(), row.getMeetingId(),
                row.getRecordingType(), row.getBucketName(),
                row.getTrackKeys() == null ? java.util.List.of() : json.readValue(row.getTrackKeys().data(), KEYS),
                RecordingState.of(row.getState()), row.getAttempts(), row.getNextRetryAt());
    }

    /** Moves the recording to {@code to}; the step that did it clears the last error and the retry time. */
    void advance(String id, RecordingState to, Instant now) {
        db.update(RECORDING)
                .set(RECORDING.STATE, to.wireName())
                .set(RECORDING.LAST_ERROR, (String) null)
                .set(RECORDING.NEXT_RETRY_AT, (Instant) null)
                .set(RECORDING.UPDATED_AT, now)
                .where(RECORDING.ID.eq(id))
                .execute();
    }

    /** A reprocess asked for on purpose starts a fresh series of attempts. */
    void restartAttempts(String id, Instant now) {
        db.update(RECORDING)
                .set(RECORDING.ATTEMPTS, 0)
                .set(RECORDING.NEXT_RETRY_AT, (Instant) null)
                .set(RECORDING.UPDATED_AT, now)
                .where(RECORDING.ID.eq(id))
                .execute();
    }

    /** A failed attempt: counted, with its error and (when it will be tried again) when. */
    void failed(String id, String error, @Nullable Instant nextRetryAt, Instant now) {
        db.update(RECORDING)
                .set(RECORDING.STATE, RecordingState.FAILED.wireName())
                .set(RECORDING.ATTEMPTS, RECORDING.ATTEMPTS.plus(1))
                .set(RECORDING.LAST_ERROR, error)
                .set(RECORDING.NEXT_RETRY_AT, nextRetryAt)
                .set(RECORDING.UPDATED_AT, now)
                .where(RECORDING.ID.eq(id))
                .execute();
    }
}
