package app.meetingbridge.messaging;

import static app.meetingbridge.db.Tables.OUTBOX;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;

class OutboxRepository {

    private final DSLContext db;

    OutboxRepository(DSLContext db) {
        this.db = db;
    }

    /** Adds the messages; one whose event id is already there is skipped (idempotent producers). */
    void insertAll(List<NewMessage> messages) {
        var insert = db.insertInto(OUTBOX, OUTBOX.EVENT_ID, OUTBOX.EXCHANGE, OUTBOX.ROUTING_KEY, OUTBOX.MESSAGE_TYPE,
                OUTBOX.PAYLOAD, OUTBOX.CREATED_AT);
        for (NewMessage message : messages) {
            insert = insert.values(message.eventId(), message.exchange(), message.routingKey(), message.messageType(),
                    JSONB.valueOf(message.payload()), message.createdAt());
        }
        insert.onConflict(OUTBOX.EVENT_ID).doNothing().execute();
    }

    record NewMessage(String eventId, String exchange, String routingKey, String messageType, String payload,
                      Instant createdAt) {
    }

    /**
     * The oldest unsent messages due at {@code now} (never tried, or past their next attempt), locked for this
     * transaction; other relays skip them.
     */
    List<OutboxMessage> lockUnsent(int limit, Instant now) {
        return db.selectFrom(OUTBOX)
                .where(OUTBOX.SENT_AT.isNull())
                .and(OUTBOX.NEXT_ATTEMPT_AT.isNull().or(OUTBOX.NEXT_ATTEMPT_AT.le(now)))
                .orderBy(OUTBOX.ID)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch(row -> new OutboxMessage(row.getId(), row.getEventId(), row.getExchange(), row.getRoutingKey(),
                        row.getMessageType(), row.getPayload().data(), row.getCreatedAt(), row.getAttempts(),
                        row.getLastError()));
    }

    void markSent(List<Long> ids, Instant sentAt) {
        if (!ids.isEmpty()) {
            db.update(OUTBOX)
                    .set(OUTBOX.SENT_AT, sentAt)
                    .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                    .set(OUTBOX.LAST_ERROR, (String) null)
                    .where(OUTBOX.ID.in(ids))
                    .execute();
        }
    }

    /** One more failed attempt; the messages are tried again from {@code nextAttemptAt}. */
    void markFailed(List<Long> ids, String error, Instant nextAttemptAt) {
        if (!ids.isEmpty()) {
            db.update(OUTBOX)
                    .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                    .set(OUTBOX.LAST_ERROR, error)
                    .set(OUTBOX.NEXT_ATTEMPT_AT, nextAttemptAt)
                    .where(OUTBOX.ID.in(ids))
                    .execute();
        }
    }

    int countUnsent() {
        return db.fetchCount(OUTBOX, OUTBOX.SENT_AT.isNull());
    }
}
