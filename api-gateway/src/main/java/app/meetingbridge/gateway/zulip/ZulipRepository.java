package app.meetingbridge.gateway.zulip;

import static app.meetingbridge.db.Tables.TRANSCRIPT;

import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The Zulip message a transcript was posted as ({@code transcript.zulip_message_id}). */
@Repository
class ZulipRepository {

    private final DSLContext db;

    ZulipRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Long> messageId(String transcriptId) {
        return db.select(TRANSCRIPT.ZULIP_MESSAGE_ID).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcriptId))
                .fetchOptional(TRANSCRIPT.ZULIP_MESSAGE_ID);
    }

    void setMessageId(String transcriptId, long messageId) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.ZULIP_MESSAGE_ID, messageId).where(TRANSCRIPT.ID.eq(transcriptId))
                .execute();
    }
}
