package app.meetingbridge.gateway.webhook;

import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

@Repository
class WebhookInboxRepository {

    private final DSLContext db;

    WebhookInboxRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Stores the events with one statement, skipping every one whose provider sent its event id before;
     * returns the ones that are new.
     */
    Set<Key> insertNew(List<Row> rows) {
        var insert = db.insertInto(WEBHOOK_INBOX, WEBHOOK_INBOX.PROVIDER, WEBHOOK_INBOX.EVENT_ID,
                WEBHOOK_INBOX.EVENT_TYPE, WEBHOOK_INBOX.PAYLOAD, WEBHOOK_INBOX.RECEIVED_AT);
        for (Row row : rows) {
            insert = insert.values(row.key().provider(), row.key().eventId(), row.eventType(),
                    JSONB.valueOf(row.payload()), row.receivedAt());
        }
        Set<Key> inserted = new HashSet<>();
        insert.onConflict(WEBHOOK_INBOX.PROVIDER, WEBHOOK_INBOX.EVENT_ID)
                .doNothing()
                .returningResult(WEBHOOK_INBOX.PROVIDER, WEBHOOK_INBOX.EVENT_ID)
                .forEach(record -> inserted.add(new Key(record.value1(), record.value2())));
        return inserted;
    }

    /** What makes an event unique in the inbox: the provider and the provider's event id. */
    record Key(String provider, String eventId) {
    }

    record Row(Key key, String eventType, String payload, Instant receivedAt) {
    }
}
