package app.meetingbridge.meetings.messaging;

import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;

import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class WebhookInboxRepository {

    private final DSLContext db;

    WebhookInboxRepository(DSLContext db) {
        this.db = db;
    }

    int deleteReceivedBefore(Instant cutoff) {
        return db.deleteFrom(WEBHOOK_INBOX).where(WEBHOOK_INBOX.RECEIVED_AT.lt(cutoff)).execute();
    }
}
