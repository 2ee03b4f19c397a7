package app.meetingbridge.recordings.upload;

import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;

import app.meetingbridge.messaging.TranscriptEventLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transcript an upload belongs to, and the {@code recording} row that hands the joined file to the pipeline
 * (platform {@code upload}, the transcript's id as the provider's recording id, no meeting); every change of the
 * transcript's status is logged for its sockets in the transaction that makes it.
 */
@Repository
class UploadRepository {

    private final DSLContext db;
    private final TranscriptEventLog events;
    private final JsonMapper json;

    UploadRepository(DSLContext db, TranscriptEventLog events, JsonMapper json) {
        this.db = db;
        this.events = events;
        this.json = json;
    }

    Optional<Target> transcript(String transcriptId) {
        return db.select(TRANSCRIPT.STATUS, TRANSCRIPT.USER_ID, TRANSCRIPT.RECORDING_ID).from(TRANSCRIPT)
                .where(TRANSCRIPT.ID.eq(transcriptId))
                .fetchOptional(row -> new Target(transcriptId, row.value1(), row.value2(), row.value3()));
    }

    /** The upload cannot be transcribed: the transcript shows {@code error} and why. */
    void failed(Target transcript, String reason, Instant now) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "error").set(TRANSCRIPT.ERROR_REASON, reason)
                .set(TRANSCRIPT.UPDATED_AT, now).where(TRANSCRIPT.ID.eq(transcript.id())).execute();
        events.append(transcript.id(), transcript.ownerId(), "STATUS", Map.of("value", "error"));
    }

    /**
     * Records the joined file as a recording and links the transcript to it, claimed for processing
     * ({@code processing}), as a rerun claims it; returns the recording's id, or empty when the transcript has a
     * recording already (a repeated message).
     */
    Optional<String> handOver(Target transcript, String bucket, String key, Instant now) {
        String recordingId = UUID.randomUUID().toString();
        db.insertInto(RECORDING)
                .set(RECORDING.ID, recordingId)
                .set(RECORDING.PLATFORM, "upload")
                .set(RECORDING.PROVIDER_RECORDING_ID, transcript.id())
                .set(RECORDING.RECORDING_TYPE, "cloud")
                .set(RECORDING.BUCKET_NAME, bucket)
                .set(RECORDING.OBJECT_KEY, key)
                .set(RECORDING.TRACK_KEYS, JSONB.valueOf(json.writeValueAsString(List.of(key))))
                .set(RECORDING.RECORDED_AT, now)
                .set(RECORDING.CREATED_AT, now)
                .set(RECORDING.UPDATED_AT, now)
                .onConflict(RECORDING.PLATFORM, RECORDING.PROVIDER_RECORDING_ID)
                .doNothing()
                .execute();
        int linked = db.update(TRANSCRIPT)
                .set(TRANSCRIPT.RECORDING_ID, recordingId)
                .set(TRANSCRIPT.STATUS, "processing")
                .set(TRANSCRIPT.PROCESSING_CLAIMED_AT, now)
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(transcript.id()))
                .and(TRANSCRIPT.RECORDING_ID.isNull())
                .and(DSL.exists(DSL.selectOne().from(RECORDING).where(RECORDING.ID.eq(recordingId))))
                .execute();
        if (linked == 0) {
            return Optional.empty();
        }
        events.append(transcript.id(), transcript.ownerId(), "STATUS", Map.of("value", "processing"));
        return Optional.of(recordingId);
    }

    /** The transcript an upload is for: its status, owner and (once handed over) recording. */
    record Target(String id, String status, @Nullable String ownerId, @Nullable String recordingId) {
    }
}
