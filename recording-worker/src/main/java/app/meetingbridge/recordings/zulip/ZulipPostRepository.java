package app.meetingbridge.recordings.zulip;

import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.TRANSCRIPT;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** An ended transcript with its room's Zulip settings, and the Zulip message it was posted as. */
@Repository
class ZulipPostRepository {

    private final DSLContext db;

    ZulipPostRepository(DSLContext db) {
        this.db = db;
    }

    /** The transcript and its own room's Zulip settings; empty when the transcript is gone or has no room. */
    Optional<Post> post(String transcriptId) {
        return db.select(TRANSCRIPT.ID, TRANSCRIPT.TITLE, TRANSCRIPT.CREATED_AT, TRANSCRIPT.DURATION_MS,
                        TRANSCRIPT.LONG_SUMMARY, TRANSCRIPT.TOPICS, TRANSCRIPT.ZULIP_MESSAGE_ID, ROOM.ID,
                        ROOM.ZULIP_AUTO_POST, ROOM.ZULIP_STREAM, ROOM.ZULIP_TOPIC)
                .from(TRANSCRIPT).join(ROOM).on(ROOM.ID.eq(TRANSCRIPT.ROOM_ID))
                .where(TRANSCRIPT.ID.eq(transcriptId))
                .fetchOptional(row -> new Post(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        row.value6().data(), row.value7(), row.value8(), Boolean.TRUE.equals(row.value9()),
                        row.value10(), row.value11()));
    }

    void setMessageId(String transcriptId, long messageId) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.ZULIP_MESSAGE_ID, messageId).where(TRANSCRIPT.ID.eq(transcriptId))
                .execute();
    }

    record Post(String transcriptId, @Nullable String title, Instant createdAt, @Nullable Long durationMs,
                @Nullable String longSummary, String topicsJson, @Nullable Long messageId, String roomId,
                boolean autoPost, @Nullable String stream, @Nullable String topic) {
    }
}
