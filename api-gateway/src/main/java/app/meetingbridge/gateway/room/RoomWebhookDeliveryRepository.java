package app.meetingbridge.gateway.room;

import static app.meetingbridge.db.Tables.ROOM_WEBHOOK_DELIVERY;

import java.time.Instant;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Every attempt to deliver a room's webhook, with what came of it. */
@Repository
class RoomWebhookDeliveryRepository {

    private final DSLContext db;

    RoomWebhookDeliveryRepository(DSLContext db) {
        this.db = db;
    }

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
                .execute();
    }
}
