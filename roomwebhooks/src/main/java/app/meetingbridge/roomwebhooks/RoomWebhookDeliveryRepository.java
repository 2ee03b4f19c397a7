package app.meetingbridge.roomwebhooks;

import static app.meetingbridge.db.Tables.ROOM_WEBHOOK_DELIVERY;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Every attempt to deliver a room's webhook, with what came of it ({@code room_webhook_delivery}); a bean of every
 * service that has this module, handed to the {@link RoomWebhookSender} it makes.
 */
public final class RoomWebhookDeliveryRepository {

    private final DSLContext db;

    RoomWebhookDeliveryRepository(DSLContext db) {
        this.db = db;
    }

    /** One attempt; an attempt recorded already (a redelivered message) is kept as it was. */
    void record(String roomId, String eventId, String eventType, int attempt, @Nullable Integer statusCode,
                @Nullable String error, @Nullable String responsePreview, Instant at) {
        db.insertInto(ROOM_WEBHOOK_DELIVERY)
                .set(ROOM_WEBHOOK_DELIVERY.ROOM_ID, roomId)
                .set(ROOM_WEBHOOK_DELIVERY.EVENT_ID, eventId)
                .set(ROOM_WEBHOOK_DELIVERY.EVENT_TYPE, eventType)
                .set(ROOM_WEBHOOK_DELIVERY.ATTEMPT, attempt)
                .set(ROOM_WEBHOOK_DELIVERY.STATUS_CODE, statusCode)
                .set(ROOM_WEBHOOK_DELIVERY.ERROR, error)
                .set(ROOM_WEBHOOK_DELIVERY.RESPONSE_PREVIEW, responsePreview)
                .set(ROOM_WEBHOOK_DELIVERY.ATTEMPTED_AT, at)
                .onConflict(ROOM_WEBHOOK_DELIVERY.EVENT_ID, ROOM_WEBHOOK_DELIVERY.ATTEMPT)
                .doNothing()
                .execute();
    }

    /** The receiver already answered this event for good: accepted it (2xx) or refused it (4xx). */
    boolean answeredForGood(String eventId) {
        return db.fetchExists(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(eventId)
                .and(ROOM_WEBHOOK_DELIVERY.STATUS_CODE.between(200, 299)
                        .or(ROOM_WEBHOOK_DELIVERY.STATUS_CODE.between(400, 499))));
    }
}
