package app.meetingbridge.gateway.meeting;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.MEETING_CONSENT;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class ConsentRepository {

    private final DSLContext db;

    ConsentRepository(DSLContext db) {
        this.db = db;
    }

    /** What decides whether the meeting still takes decisions; empty for a meeting that does not exist. */
    Optional<ConsentWindow> windowOf(String meetingId) {
        return db.select(MEETING.IS_ACTIVE, MEETING.END_DATE, MEETING.LAST_ACTIVITY_AT, MEETING.SESSION_ENDED_AT,
                        MEETING.PROVIDER_ROOM_DELETED_AT)
                .from(MEETING).where(MEETING.ID.eq(meetingId))
                .fetchOptional(row -> new ConsentWindow(row.value1(), row.value2(), row.value3(), row.value4(),
                        row.value5()));
    }

    /**
     * Records a consent decision: one row per signed-in user and meeting, changed in place (the partial unique
     * index decides, atomically); anonymous participants each get a row of their own. Returns the row's id.
     */
    String record(String meetingId, @Nullable String userId, boolean given, Instant at) {
        if (userId == null) {
            String id = UUID.randomUUID().toString();
            db.insertInto(MEETING_CONSENT)
                    .set(MEETING_CONSENT.ID, id)
                    .set(MEETING_CONSENT.MEETING_ID, meetingId)
                    .set(MEETING_CONSENT.CONSENT_GIVEN, given)
                    .set(MEETING_CONSENT.CONSENT_TIMESTAMP, at)
                    .execute();
            return id;
        }
        return db.insertInto(MEETING_CONSENT)
                .set(MEETING_CONSENT.ID, UUID.randomUUID().toString())
                .set(MEETING_CONSENT.MEETING_ID, meetingId)
                .set(MEETING_CONSENT.USER_ID, userId)
                .set(MEETING_CONSENT.CONSENT_GIVEN, given)
                .set(MEETING_CONSENT.CONSENT_TIMESTAMP, at)
                .onConflict(MEETING_CONSENT.MEETING_ID, MEETING_CONSENT.USER_ID)
                .where(MEETING_CONSENT.USER_ID.isNotNull())
                .doUpdate()
                .set(MEETING_CONSENT.CONSENT_GIVEN, DSL.excluded(MEETING_CONSENT.CONSENT_GIVEN))
                .set(MEETING_CONSENT.CONSENT_TIMESTAMP, DSL.excluded(MEETING_CONSENT.CONSENT_TIMESTAMP))
                .returning(MEETING_CONSENT.ID)
                .fetchSingle(MEETING_CONSENT.ID);
    }
}
