package app.meetingbridge.gateway.webhook;

import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

@Repository
class WebhookInboxRepository {

    private final DSLContext db;

    WebhookInboxRepository(DSLContext db) {
        this.db = db;
    }

    /** Stores the event unless the provider sent this event id before; true if it is new. */
    boolean insertIfNew(String provider, String eventId, String eventType, String payload, Instant receivedAt) {
        return db.insertInto(WEBHOOK_INBOX)
                .set(WEBHOOK_INBOX.PROVIDER, provider)
                .set(WEBHOOK_INBOX.EVENT_ID, eventId)
                .set(WEBHOOK_INBOX.EVENT_TYPE, eventType)
                .set(WEBHOOK_INBOX.PAYLOAD, JSONB.valueOf(payload))
                .set(WEBHOOK_INBOX.RECEIVED_AT, receivedAt)
                .onConflict(WEBHOOK_INBOX.PROVIDER, WEBHOOK_INBOX.EVENT_ID)
                .doNothing()
                .execute() > 0;
    }
}
