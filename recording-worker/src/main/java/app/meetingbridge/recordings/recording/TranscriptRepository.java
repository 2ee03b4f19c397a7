package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.TRANSCRIPT;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The transcript a recording becomes (one per recording, held by the database). */
@Repository
class TranscriptRepository {

    private final DSLContext db;

    TranscriptRepository(DSLContext db) {
        this.db = db;
    }

    /** The recording's transcript, made on first call: owned by the room's owner, public, from a room, English. */
    Transcript findOrCreate(String recordingId, @Nullable MeetingRoom meeting, Instant now) {
        db.insertInto(TRANSCRIPT)
                .set(TRANSCRIPT.ID, UUID.randomUUID().toString())
                .set(TRANSCRIPT.RECORDING_ID, recordingId)
                .set(TRANSCRIPT.MEETING_ID, meeting == null ? null : meeting.meetingId())
                .set(TRANSCRIPT.ROOM_ID, meeting == null ? null : meeting.roomId())
                .set(TRANSCRIPT.USER_ID, meeting == null ? null : meeting.ownerId())
                .set(TRANSCRIPT.NAME, "")
                .set(TRANSCRIPT.STATUS, "processing")
                .set(TRANSCRIPT.SOURCE_KIND, "room")
                // a recording that matched no meeting may be anyone's: kept, read by nobody until it is claimed
                .set(TRANSCRIPT.SHARE_MODE, meeting == null ? "private" : "public")
                .set(TRANSCRIPT.CREATED_AT, now)
                .set(TRANSCRIPT.UPDATED_AT, now)
                .onConflict(TRANSCRIPT.RECORDING_ID)
                .doNothing()
                .execute();
        return find(recordingId).orElseThrow();
    }

    Optional<Transcript> find(String recordingId) {
        return db.selectFrom(TRANSCRIPT).where(TRANSCRIPT.RECORDING_ID.eq(recordingId))
                .fetchOptional(row -> new Transcript(row.getId(), row.getStatus(), row.getDurationMs(),
                        row.getSourceLanguage(), row.getAudioDeleted(), row.getRoomId()));
    }

    /** Whether the transcript is claimed for a rerun ({@code processing}), and the recording it was made from. */
    Optional<Claim> claim(String transcriptId) {
        return db.select(TRANSCRIPT.STATUS, TRANSCRIPT.RECORDING_ID).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcriptId))
                .fetchOptional(row -> new Claim(row.value1().equals("processing"), row.value2()));
    }

    /** The mixed audio is in storage: its duration, the participants (one per track), status {@code uploaded}. */
    void audioReady(String id, long durationMs, String participantsJson, Instant now) {
        db.update(TRANSCRIPT)
                .set(TRANSCRIPT.DURATION_MS, durationMs)
                .set(TRANSCRIPT.PARTICIPANTS, JSONB.valueOf(participantsJson))
                .set(TRANSCRIPT.AUDIO_LOCATION, "storage")
                .set(TRANSCRIPT.STATUS, "uploaded")
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id))
                .execute();
    }

    /** The words are in: the topics, status {@code ended}. */
    void transcribed(String id, String topicsJson, Instant now) {
        db.update(TRANSCRIPT)
                .set(TRANSCRIPT.TOPICS, JSONB.valueOf(topicsJson))
                .set(TRANSCRIPT.STATUS, "ended")
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id))
                .execute();
    }

    /** Its audio is ready and nothing more can be done yet (no transcription backend). */
    void uploaded(String id, Instant now) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "uploaded").set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id)).execute();
    }

    /** Consent refused: the audio and everything made from it are gone, the text stays. */
    void audioDeleted(String id, Instant now) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.AUDIO_DELETED, true).set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id)).execute();
    }

    /**
     * The recording's transcript, if still {@code processing} (claimed for a rerun, or made by an attempt that then
     * failed), shows {@code error}: a failed attempt never leaves it claimed, where a rerun could not be asked for.
     */
    void claimFailed(String recordingId, Instant now) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "error").set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.RECORDING_ID.eq(recordingId)).and(TRANSCRIPT.STATUS.eq("processing")).execute();
    }

    void failed(String id, Instant now) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "error").set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id)).execute();
    }

    record Claim(boolean claimed, @Nullable String recordingId) {
    }

    record Transcript(String id, String status, @Nullable Long durationMs, String language, boolean audioDeleted,
                      @Nullable String roomId) {

        boolean audioReady() {
            return durationMs != null;
        }

        boolean ended() {
            return status.equals("ended");
        }

        /** As it stands once the repository recorded its audio as ready. */
        Transcript withAudio(long durationMs) {
            return new Transcript(id, "uploaded", durationMs, language, false, roomId);
        }
    }
}
