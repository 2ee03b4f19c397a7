package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.TRANSCRIPT;

import app.meetingbridge.messaging.TranscriptEventLog;
import app.meetingbridge.messaging.WireFormat;
import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.llm.Recap;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
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
     * The words are in, with what the language model made of them: the topics, the recap when made, the parts still
     * missing (tried again from {@code retryAt}), status {@code ended}; the sockets get the text, each topic, the
     * recap's events, then the status (inside the caller's transaction when there is one).
     */
    void transcribed(String id, PostProcessed made, @Nullable Instant retryAt, Instant now) {
        transactions.executeWithoutResult(status -> {
            var update = db.update(TRANSCRIPT)
                    .set(TRANSCRIPT.TOPICS, JSONB.valueOf(TranscriptJson.topicsJson(made.topics())))
                    .set(TRANSCRIPT.POSTPROCESS_MISSING, PostProcessPart.columns(made.missing()))
                    .set(TRANSCRIPT.POSTPROCESS_NEXT_AT, made.complete() ? null : retryAt)
                    .set(TRANSCRIPT.STATUS, "ended")
                    .set(TRANSCRIPT.UPDATED_AT, now);
            if (made.recap() != null) {
                setRecap(update, made.recap());
            }
            update.where(TRANSCRIPT.ID.eq(id))
                    .returning(TRANSCRIPT.USER_ID)
                    .fetchOptional()
                    .ifPresent(owner -> {
                        announceTopics(id, owner.getUserId(), made.topics());
                        if (made.recap() != null) {
                            announceRecap(id, owner.getUserId(), made.recap());
                        }
                        events.append(id, owner.getUserId(), "STATUS", status("ended"));
                    });
        });
    }

    /**
     * Ended transcripts with parts of their post-processing missing and due: each taken by this worker alone (locked
     * rows are another worker's), its next try moved to {@code next} before the model is asked, so a worker that dies
     * meanwhile leaves it due again then.
     */
    List<PostProcessDue> claimDuePostProcessing(Instant now, Instant next, int limit) {
        List<PostProcessDue> claimed = transactions.execute(status -> {
            List<String> due = db.select(TRANSCRIPT.ID).from(TRANSCRIPT)
                    .where(DSL.cardinality(TRANSCRIPT.POSTPROCESS_MISSING).gt(0))
                    .and(TRANSCRIPT.POSTPROCESS_NEXT_AT.le(now))
                    .and(TRANSCRIPT.STATUS.eq("ended"))
                    .orderBy(TRANSCRIPT.POSTPROCESS_NEXT_AT)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch(TRANSCRIPT.ID);
            if (due.isEmpty()) {
                return List.<PostProcessDue>of();
            }
            return db.update(TRANSCRIPT).set(TRANSCRIPT.POSTPROCESS_NEXT_AT, next)
                    .where(TRANSCRIPT.ID.in(due))
                    .returning(TRANSCRIPT.ID, TRANSCRIPT.ROOM_ID, TRANSCRIPT.TOPICS, TRANSCRIPT.PARTICIPANTS,
                            TRANSCRIPT.POSTPROCESS_MISSING, TRANSCRIPT.CHANGE_SEQ)
                    .fetch(row -> new PostProcessDue(row.getId(), row.getRoomId(),
                            TranscriptJson.topics(row.getTopics().data()), speakerNames(row.getParticipants()),
                            PostProcessPart.of(Arrays.asList(row.getPostprocessMissing())), row.getChangeSeq()));
        });
        return claimed == null ? List.of() : claimed;
    }

    /**
     * Stores the parts a later try made, unless the transcript changed since it was claimed (an edit, a rerun: its
     * topics as read are stale, so it stays missing and is tried again); the sockets hear of what was made.
     *
     * @return whether it was stored
     */
    boolean postProcessed(PostProcessDue due, PostProcessed made, @Nullable Instant retryAt, Instant now) {
        boolean topicsMade = due.missing().contains(PostProcessPart.TOPICS)
                && !made.missing().contains(PostProcessPart.TOPICS);
        Boolean stored = transactions.execute(status -> {
            var update = db.update(TRANSCRIPT)
                    .set(TRANSCRIPT.POSTPROCESS_MISSING, PostProcessPart.columns(made.missing()))
                    .set(TRANSCRIPT.POSTPROCESS_NEXT_AT, made.complete() ? null : retryAt)
                    .set(TRANSCRIPT.UPDATED_AT, now);
            if (topicsMade) {
                update.set(TRANSCRIPT.TOPICS, JSONB.valueOf(TranscriptJson.topicsJson(made.topics())));
            }
            if (made.recap() != null) {
                setRecap(update, made.recap());
            }
            return update.where(TRANSCRIPT.ID.eq(due.id()))
                    .and(TRANSCRIPT.CHANGE_SEQ.eq(due.changeSeq()))
                    .and(TRANSCRIPT.STATUS.eq("ended"))
                    .returning(TRANSCRIPT.USER_ID)
                    .fetchOptional()
                    .map(owner -> {
                        if (topicsMade) {
                            announceTopics(due.id(), owner.getUserId(), made.topics());
                        }
                        if (made.recap() != null) {
                            announceRecap(due.id(), owner.getUserId(), made.recap());
                        }
                        return true;
                    })
                    .orElse(false);
        });
        return Boolean.TRUE.equals(stored);
    }

    /** The names the participants were given, by speaker number (for the language model to name people). */
    Map<Integer, String> speakerNames(String id) {
        return db.select(TRANSCRIPT.PARTICIPANTS).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(id))
                .fetchOptional(TRANSCRIPT.PARTICIPANTS)
                .map(TranscriptRepository::speakerNames)
                .orElse(Map.of());
    }

    private static Map<Integer, String> speakerNames(@Nullable JSONB participants) {
        Map<Integer, String> names = new TreeMap<>();
        if (participants == null) {
            return names;
        }
        for (Participant participant : TranscriptJson.participants(participants.data())) {
            if (participant.speaker() != null && participant.name() != null && !participant.name().isBlank()) {
                names.putIfAbsent(participant.speaker(), participant.name());
            }
        }
        return names;
    }

    private static void setRecap(UpdateSetMoreStep<TranscriptRecord> update, Recap recap) {
        update.set(TRANSCRIPT.TITLE, recap.title())
                .set(TRANSCRIPT.SHORT_SUMMARY, recap.shortSummary())
                .set(TRANSCRIPT.LONG_SUMMARY, recap.longSummary())
                .set(TRANSCRIPT.ACTION_ITEMS, JSONB.valueOf(WireFormat.json().writeValueAsString(recap.actionItems())));
    }

    private void announceTopics(String id, @Nullable String ownerId, List<Topic> topics) {
        events.append(id, ownerId, "TRANSCRIPT", LiveEvents.text(topics));
        topics.forEach(topic -> events.append(id, ownerId, "TOPIC", LiveEvents.topic(topic)));
    }

    /** Reflector's order: the title, the long summary, the short one; then the action items. */
    private void announceRecap(String id, @Nullable String ownerId, Recap recap) {
        events.append(id, ownerId, "FINAL_TITLE", Map.of("title", recap.title()));
        events.append(id, ownerId, "FINAL_LONG_SUMMARY", Map.of("long_summary", recap.longSummary()));
        events.append(id, ownerId, "FINAL_SHORT_SUMMARY", Map.of("short_summary", recap.shortSummary()));
        events.append(id, ownerId, "ACTION_ITEMS", Map.of("action_items", recap.actionItems()));
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

    /** An ended transcript whose post-processing is due again: its topics as stored and what they still lack. */
    record PostProcessDue(String id, @Nullable String roomId, List<Topic> topics, Map<Integer, String> speakerNames,
                          Set<PostProcessPart> missing, long changeSeq) {
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
