package app.meetingbridge.recordings.roomwebhook;

import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.ROOM_WEBHOOK_DELIVERY;
import static app.meetingbridge.db.Tables.TRANSCRIPT;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The room's webhook settings, the transcript it is told about, and every delivery attempt. */
@Repository
class RoomWebhookRepository {

    private final DSLContext db;

    RoomWebhookRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Target> target(String roomId) {
        return db.select(ROOM.ID, ROOM.NAME, ROOM.WEBHOOK_URL, ROOM.WEBHOOK_SECRET).from(ROOM).where(ROOM.ID.eq(roomId))
                .fetchOptional(row -> new Target(row.value1(), row.value2(), row.value3(), row.value4()));
    }

    Optional<Completed> transcript(String transcriptId) {
        return db.selectFrom(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcriptId))
                .fetchOptional(row -> new Completed(row.getId(), row.getRoomId(), row.getCreatedAt(),
                        row.getDurationMs(), row.getTitle(), row.getShortSummary(), row.getLongSummary(),
                        row.getTopics().data(), row.getParticipants().data(), row.getSourceLanguage(),
                        row.getTargetLanguage(), row.getStatus(),
                        row.getActionItems() == null ? null : row.getActionItems().data()));
    }

    /** The receiver already answered this event for good: accepted it (2xx) or refused it (4xx). */
    boolean settled(String eventId) {
        return db.fetchExists(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(eventId)
                .and(ROOM_WEBHOOK_DELIVERY.STATUS_CODE.between(200, 299)
                        .or(ROOM_WEBHOOK_DELIVERY.STATUS_CODE.between(400, 499))));
    }

    /** One attempt; a redelivered message records its attempt once. */
    void attempted(String roomId, String eventId, String eventType, int attempt, @Nullable Integer statusCode,
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

    record Target(String roomId, String name, @Nullable String url, @Nullable String secret) {
    }

    record Completed(String id, @Nullable String roomId, Instant createdAt, @Nullable Long durationMs,
                     @Nullable String title, @Nullable String shortSummary, @Nullable String longSummary,
                     String topicsJson, String participantsJson, String sourceLanguage, String targetLanguage,
                     String status, @Nullable String actionItemsJson) {
    }
}
