package app.meetingbridge.gateway.upload;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.db.Tables.UPLOAD_CHUNK;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The chunks of a transcript's upload ({@code upload_chunk}) and the transcript's status as the upload moves it. */
@Repository
class UploadRepository {

    private final DSLContext db;

    UploadRepository(DSLContext db) {
        this.db = db;
    }

    /** The transcript's state, its row locked until the transaction ends: one chunk at a time decides. */
    Optional<State> lock(String transcriptId) {
        return db.select(TRANSCRIPT.STATUS, TRANSCRIPT.RECORDING_ID).from(TRANSCRIPT)
                .where(TRANSCRIPT.ID.eq(transcriptId)).forUpdate()
                .fetchOptional(row -> new State(row.value1(), row.value2()));
    }

    /** The chunks stored so far, by number. */
    List<Chunk> chunks(String transcriptId) {
        return db.selectFrom(UPLOAD_CHUNK).where(UPLOAD_CHUNK.TRANSCRIPT_ID.eq(transcriptId))
                .orderBy(UPLOAD_CHUNK.CHUNK_NUMBER)
                .fetch(row -> new Chunk(row.getChunkNumber(), row.getTotalChunks(), row.getSize()));
    }

    /** Records a stored chunk; a chunk of that number stored before is replaced. */
    void stored(String transcriptId, int chunkNumber, int totalChunks, long size, Instant now) {
        db.insertInto(UPLOAD_CHUNK)
                .set(UPLOAD_CHUNK.TRANSCRIPT_ID, transcriptId)
                .set(UPLOAD_CHUNK.CHUNK_NUMBER, chunkNumber)
                .set(UPLOAD_CHUNK.TOTAL_CHUNKS, totalChunks)
                .set(UPLOAD_CHUNK.SIZE, size)
                .set(UPLOAD_CHUNK.STORED_AT, now)
                .onConflict(UPLOAD_CHUNK.TRANSCRIPT_ID, UPLOAD_CHUNK.CHUNK_NUMBER)
                .doUpdate()
                .set(UPLOAD_CHUNK.TOTAL_CHUNKS, totalChunks)
                .set(UPLOAD_CHUNK.SIZE, size)
                .set(UPLOAD_CHUNK.STORED_AT, now)
                .execute();
    }

    void forget(String transcriptId) {
        db.deleteFrom(UPLOAD_CHUNK).where(UPLOAD_CHUNK.TRANSCRIPT_ID.eq(transcriptId)).execute();
    }

    /** Sets the status and the reason of an error (null for any other status); {@code sourceKind} when not null. */
    void status(String transcriptId, String status, @Nullable String errorReason, @Nullable String sourceKind,
                Instant now) {
        var update = db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, status).set(TRANSCRIPT.ERROR_REASON, errorReason)
                .set(TRANSCRIPT.UPDATED_AT, now);
        if (sourceKind != null) {
            update = update.set(TRANSCRIPT.SOURCE_KIND, sourceKind);
        }
        update.where(TRANSCRIPT.ID.eq(transcriptId)).execute();
    }

    record Chunk(int number, int total, long size) {
    }

    /**
     * A transcript's status and its recording (none until a worker took an upload, or for no transcript made from a
     * meeting's recording).
     */
    record State(String status, @Nullable String recordingId) {

        /** An upload may start: nothing was ever processed ({@code idle}), or an upload failed before processing. */
        boolean open() {
            return status.equals("idle") || status.equals("error") && recordingId == null;
        }
    }
}
