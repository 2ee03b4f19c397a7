package app.meetingbridge.gateway.transcript;

import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.TRANSCRIPT;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class TranscriptRepository {

    private final DSLContext db;

    TranscriptRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Transcript> find(String id) {
        return db.select(TRANSCRIPT.fields()).select(ROOM.NAME).from(TRANSCRIPT)
                .leftJoin(ROOM).on(ROOM.ID.eq(TRANSCRIPT.ROOM_ID))
                .where(TRANSCRIPT.ID.eq(id))
                .fetchOptional(TranscriptRepository::toTranscript);
    }

    /**
     * A page of the transcripts {@code ownerId} owns (all of them for {@code everything}) that pass the filter,
     * newest first, or by {@code change_seq} from the oldest change.
     */
    List<Transcript> page(String ownerId, boolean everything, TranscriptFilter filter, long offset, int limit) {
        return db.select(TRANSCRIPT.fields()).select(ROOM.NAME).from(TRANSCRIPT)
                .leftJoin(ROOM).on(ROOM.ID.eq(TRANSCRIPT.ROOM_ID))
                .where(filter(ownerId, everything, filter))
                .orderBy(filter.byChangeSeq() ? TRANSCRIPT.CHANGE_SEQ.asc() : TRANSCRIPT.CREATED_AT.desc(), TRANSCRIPT.ID)
                .offset(offset).limit(limit)
                .fetch(TranscriptRepository::toTranscript);
    }

    int count(String ownerId, boolean everything, TranscriptFilter filter) {
        return db.fetchCount(TRANSCRIPT, filter(ownerId, everything, filter));
    }

    /**
     * Marks the transcript {@code processing} (claimed at {@code now}) unless it already is, by a claim taken at
     * or after {@code abandonedBefore}; true if this call did it. Two requests at once: one wins, the database
     * decides. A row with no claim time (claimed before there was one, or made {@code processing} by the worker's
     * first run) counts from its last update.
     */
    boolean claimForProcessing(String id, Instant now, Instant abandonedBefore) {
        return db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "processing").set(TRANSCRIPT.PROCESSING_CLAIMED_AT, now)
                .set(TRANSCRIPT.UPDATED_AT, now)
                .where(TRANSCRIPT.ID.eq(id))
                .and(TRANSCRIPT.STATUS.ne("processing")
                        .or(DSL.coalesce(TRANSCRIPT.PROCESSING_CLAIMED_AT, TRANSCRIPT.UPDATED_AT).lt(abandonedBefore)))
                .execute() == 1;
    }

    /**
     * The transcript, its row locked until the transaction ends ({@code select … for update}): the edits of one
     * transcript run one after the other, each reading what the one before wrote.
     */
    Optional<Transcript> findForUpdate(String id) {
        return db.select(TRANSCRIPT.fields()).select(ROOM.NAME).from(TRANSCRIPT)
                .leftJoin(ROOM).on(ROOM.ID.eq(TRANSCRIPT.ROOM_ID))
                .where(TRANSCRIPT.ID.eq(id))
                .forUpdate().of(TRANSCRIPT)
                .fetchOptional(TranscriptRepository::toTranscript);
    }

    /** Writes the transcript's fields that {@code changes} names. */
    void update(String id, TranscriptChanges changes, Instant now) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        if (changes.name() != null) {
            values.put(TRANSCRIPT.NAME, changes.name());
        }
        if (changes.locked() != null) {
            values.put(TRANSCRIPT.LOCKED, changes.locked());
        }
        if (changes.title() != null) {
            values.put(TRANSCRIPT.TITLE, changes.title().value());
        }
        if (changes.shortSummary() != null) {
            values.put(TRANSCRIPT.SHORT_SUMMARY, changes.shortSummary().value());
        }
        if (changes.longSummary() != null) {
            values.put(TRANSCRIPT.LONG_SUMMARY, changes.longSummary().value());
        }
        if (changes.shareMode() != null) {
            values.put(TRANSCRIPT.SHARE_MODE, changes.shareMode());
        }
        if (changes.participantsJson() != null) {
            values.put(TRANSCRIPT.PARTICIPANTS, JSONB.valueOf(changes.participantsJson()));
        }
        if (changes.reviewed() != null) {
            values.put(TRANSCRIPT.REVIEWED, changes.reviewed());
        }
        if (changes.audioDeleted() != null) {
            values.put(TRANSCRIPT.AUDIO_DELETED, changes.audioDeleted());
        }
        values.put(TRANSCRIPT.UPDATED_AT, now);
        db.update(TRANSCRIPT).set(values).where(TRANSCRIPT.ID.eq(id)).execute();
    }

    /** Writes the topics and the participants (either may be null: left as it is). */
    void updateContent(String id, @Nullable String topicsJson, @Nullable String participantsJson, Instant now) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        if (topicsJson != null) {
            values.put(TRANSCRIPT.TOPICS, JSONB.valueOf(topicsJson));
        }
        if (participantsJson != null) {
            values.put(TRANSCRIPT.PARTICIPANTS, JSONB.valueOf(participantsJson));
        }
        values.put(TRANSCRIPT.UPDATED_AT, now);
        db.update(TRANSCRIPT).set(values).where(TRANSCRIPT.ID.eq(id)).execute();
    }

    /** A new transcript, {@code idle}, owned by {@code userId}. */
    void insert(String id, String userId, String name, String sourceKind, String shareMode, String sourceLanguage,
                String targetLanguage, Instant now) {
        db.insertInto(TRANSCRIPT)
                .set(TRANSCRIPT.ID, id)
                .set(TRANSCRIPT.USER_ID, userId)
                .set(TRANSCRIPT.NAME, name)
                .set(TRANSCRIPT.STATUS, "idle")
                .set(TRANSCRIPT.SOURCE_KIND, sourceKind)
                .set(TRANSCRIPT.SHARE_MODE, shareMode)
                .set(TRANSCRIPT.SOURCE_LANGUAGE, sourceLanguage)
                .set(TRANSCRIPT.TARGET_LANGUAGE, targetLanguage)
                .set(TRANSCRIPT.CREATED_AT, now)
                .set(TRANSCRIPT.UPDATED_AT, now)
                .execute();
    }

    /** Deletes the row (its event log goes with it); true if there was one. */
    boolean delete(String id) {
        return db.deleteFrom(TRANSCRIPT).where(TRANSCRIPT.ID.eq(id)).execute() == 1;
    }

    private static Condition filter(String ownerId, boolean everything, TranscriptFilter filter) {
        Condition condition = everything ? DSL.trueCondition() : TRANSCRIPT.USER_ID.eq(ownerId);
        if (filter.roomId() != null) {
            condition = condition.and(TRANSCRIPT.ROOM_ID.eq(filter.roomId()));
        }
        if (filter.meetingId() != null) {
            condition = condition.and(TRANSCRIPT.MEETING_ID.eq(filter.meetingId()));
        }
        if (filter.sourceKind() != null) {
            condition = condition.and(TRANSCRIPT.SOURCE_KIND.eq(filter.sourceKind()));
        }
        if (filter.titleContains() != null) {
            condition = condition.and(TRANSCRIPT.TITLE.containsIgnoreCase(filter.titleContains()));
        }
        if (filter.changeSeqAfter() != null) {
            condition = condition.and(TRANSCRIPT.CHANGE_SEQ.gt(filter.changeSeqAfter()));
        }
        return condition;
    }

    private static Transcript toTranscript(Record row) {
        return new Transcript(row.get(TRANSCRIPT.ID), row.get(TRANSCRIPT.RECORDING_ID), row.get(TRANSCRIPT.USER_ID), row.get(TRANSCRIPT.NAME),
                row.get(TRANSCRIPT.STATUS), row.get(TRANSCRIPT.LOCKED), row.get(TRANSCRIPT.DURATION_MS),
                row.get(TRANSCRIPT.TITLE), row.get(TRANSCRIPT.SHORT_SUMMARY), row.get(TRANSCRIPT.LONG_SUMMARY),
                row.get(TRANSCRIPT.CREATED_AT), row.get(TRANSCRIPT.SHARE_MODE), row.get(TRANSCRIPT.SOURCE_LANGUAGE),
                row.get(TRANSCRIPT.TARGET_LANGUAGE), row.get(TRANSCRIPT.MEETING_ID), row.get(TRANSCRIPT.SOURCE_KIND),
                row.get(TRANSCRIPT.ROOM_ID), row.get(ROOM.NAME), row.get(TRANSCRIPT.AUDIO_DELETED),
                row.get(TRANSCRIPT.PARTICIPANTS).data(), row.get(TRANSCRIPT.TOPICS).data(),
                row.get(TRANSCRIPT.REVIEWED), row.get(TRANSCRIPT.CHANGE_SEQ), row.get(TRANSCRIPT.ERROR_REASON),
                row.get(TRANSCRIPT.ACTION_ITEMS) == null ? null : row.get(TRANSCRIPT.ACTION_ITEMS).data());
    }
}
