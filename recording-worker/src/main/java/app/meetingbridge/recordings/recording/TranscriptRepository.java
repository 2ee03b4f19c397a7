package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.TRANSCRIPT;

import app.meetingbridge.messaging.TranscriptEventLog;
import app.meetingbridge.messaging.WireFormat;
import app.meetingbridge.transcripts.Topic;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transcript a recording becomes (one per recording, held by the database). Every change the frontend shows
 * live is logged for the transcript's sockets in the transaction that makes it ({@link TranscriptEventLog}):
 * {@code STATUS} on each change of status, {@code DURATION} and {@code WAVEFORM} with the audio, {@code TRANSCRIPT}
 * and one {@code TOPIC} per topic with the words, the summaries' events with the summaries; the owner's list hears
 * of a new transcript ({@code TRANSCRIPT_CREATED}).
 */
@Repository
class TranscriptRepository {

    private final DSLContext db;
    private final TranscriptEventLog events;
    private final TransactionTemplate transactions;

    TranscriptRepository(DSLContext db, TranscriptEventLog events, TransactionTemplate transactions) {
        this.db = db;
        this.events = events;
        this.transactions = transactions;
    }

    /** The recording's transcript, made on first call: owned by the room's owner, public, from a room, English. */
    Transcript findOrCreate(String recordingId, @Nullable MeetingRoom meeting, Instant now) {
        transactions.executeWithoutResult(status -> create(recordingId, meeting, now));
        return find(recordingId).orElseThrow();
    }

    private void create(String recordingId, @Nullable MeetingRoom meeting, Instant now) {
        String ownerId = meeting == null ? null : meeting.ownerId();
        db.insertInto(TRANSCRIPT)
                .set(TRANSCRIPT.ID, UUID.randomUUID().toString())
                .set(TRANSCRIPT.RECORDING_ID, recordingId)
                .set(TRANSCRIPT.MEETING_ID, meeting == null ? null : meeting.meetingId())
                .set(TRANSCRIPT.ROOM_ID, meeting == null ? null : meeting.roomId())
                .set(TRANSCRIPT.USER_ID, ownerId)
                .set(TRANSCRIPT.NAME, "")
                .set(TRANSCRIPT.STATUS, "processing")
                .set(TRANSCRIPT.SOURCE_KIND, "room")
                // a recording that matched no meeting may be anyone's: kept, read by nobody until it is claimed
                .set(TRANSCRIPT.SHARE_MODE, meeting == null ? "private" : "public")
                .set(TRANSCRIPT.CREATED_AT, now)
                .set(TRANSCRIPT.UPDATED_AT, now)
                .onConflict(TRANSCRIPT.RECORDING_ID)
                .doNothing()
                .returning(TRANSCRIPT.ID)
                .fetchOptional(TRANSCRIPT.ID)
                .ifPresent(id -> {
                    events.append(id, ownerId, "STATUS", status("processing"));
                    events.announce(id, ownerId, "TRANSCRIPT_CREATED", Map.of("id", id));
                });
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

    /**
     * The mixed audio is in storage: its duration, the participants (one per track), status {@code uploaded}; the
     * sockets get its duration (ms), its waveform and the status.
     */
    void audioReady(String id, long durationMs, String participantsJson, double[] waveform, Instant now) {
        transactions.executeWithoutResult(status -> db.update(TRANSCRIPT)
                .set(TRANSCRIPT.DURATION_MS, durationMs)
                .set(TRANSCRIPT.PARTICIPANTS, JSONB.valueOf(participantsJson))
                .set(TRANSCRIPT.AUDIO_LOCATION, "storage")
                .set(TRANSCRIPT.STATUS, "uploaded")
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id))
                .returning(TRANSCRIPT.USER_ID)
                .fetchOptional()
                .ifPresent(owner -> {
                    events.append(id, owner.getUserId(), "DURATION", Map.of("duration", durationMs));
                    events.append(id, owner.getUserId(), "WAVEFORM",
                            Map.of("waveform", Arrays.stream(waveform).boxed().toList()));
                    events.append(id, owner.getUserId(), "STATUS", status("uploaded"));
                }));
    }

    /**
     * The words are in: the topics, status {@code ended}; the sockets get the text, each topic, and the status
     * (inside the caller's transaction when there is one).
     */
    void transcribed(String id, String topicsJson, Instant now) {
        List<Topic> topics = LiveEvents.topics(topicsJson);
        transactions.executeWithoutResult(status -> db.update(TRANSCRIPT)
                .set(TRANSCRIPT.TOPICS, JSONB.valueOf(topicsJson))
                .set(TRANSCRIPT.STATUS, "ended")
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id))
                .returning(TRANSCRIPT.USER_ID)
                .fetchOptional()
                .ifPresent(owner -> {
                    events.append(id, owner.getUserId(), "TRANSCRIPT", LiveEvents.text(topics));
                    topics.forEach(topic -> events.append(id, owner.getUserId(), "TOPIC", LiveEvents.topic(topic)));
                    events.append(id, owner.getUserId(), "STATUS", status("ended"));
                }));
    }

    /**
     * The summaries are in (title, short and long summary, action items): stored, and each sent to the sockets
     * ({@code FINAL_TITLE}, {@code FINAL_SHORT_SUMMARY}, {@code FINAL_LONG_SUMMARY}, {@code ACTION_ITEMS}); the
     * language-model step that makes them calls this.
     */
    void summarized(String id, String title, String shortSummary, String longSummary, Map<String, Object> actionItems,
                    Instant now) {
        transactions.executeWithoutResult(status -> db.update(TRANSCRIPT)
                .set(TRANSCRIPT.TITLE, title)
                .set(TRANSCRIPT.SHORT_SUMMARY, shortSummary)
                .set(TRANSCRIPT.LONG_SUMMARY, longSummary)
                .set(TRANSCRIPT.ACTION_ITEMS, JSONB.valueOf(WireFormat.json().writeValueAsString(actionItems)))
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id))
                .returning(TRANSCRIPT.USER_ID)
                .fetchOptional()
                .ifPresent(owner -> {
                    events.append(id, owner.getUserId(), "FINAL_TITLE", Map.of("title", title));
                    events.append(id, owner.getUserId(), "FINAL_SHORT_SUMMARY", Map.of("short_summary", shortSummary));
                    events.append(id, owner.getUserId(), "FINAL_LONG_SUMMARY", Map.of("long_summary", longSummary));
                    events.append(id, owner.getUserId(), "ACTION_ITEMS", Map.of("action_items", actionItems));
                }));
    }

    /** Its audio is ready and nothing more can be done yet (no transcription backend). */
    void uploaded(String id, Instant now) {
        changeStatus(id, "uploaded", now);
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
        transactions.executeWithoutResult(status -> db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "error")
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.RECORDING_ID.eq(recordingId)).and(TRANSCRIPT.STATUS.eq("processing"))
                .returning(TRANSCRIPT.ID, TRANSCRIPT.USER_ID)
                .fetch()
                .forEach(row -> events.append(row.getId(), row.getUserId(), "STATUS", status("error"))));
    }

    void failed(String id, Instant now) {
        changeStatus(id, "error", now);
    }

    /** Sets the status; the sockets hear of it when it changed. */
    private void changeStatus(String id, String newStatus, Instant now) {
        transactions.executeWithoutResult(status -> db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, newStatus)
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id)).and(TRANSCRIPT.STATUS.ne(newStatus))
                .returning(TRANSCRIPT.USER_ID)
                .fetchOptional()
                .ifPresent(owner -> events.append(id, owner.getUserId(), "STATUS", status(newStatus))));
    }

    private static Map<String, String> status(String value) {
        return Map.of("value", value);
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
