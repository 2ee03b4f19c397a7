package app.meetingbridge.recordings.roomwebhook;

import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.TRANSCRIPT;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The room's webhook settings and the transcript it is told about. */
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

    record Target(String roomId, String name, @Nullable String url, @Nullable String secret) {
    }

    record Completed(String id, @Nullable String roomId, Instant createdAt, @Nullable Long durationMs,
                     @Nullable String title, @Nullable String shortSummary, @Nullable String longSummary,
                     String topicsJson, String participantsJson, String sourceLanguage, String targetLanguage,
                     String status, @Nullable String actionItemsJson) {
    }
}
