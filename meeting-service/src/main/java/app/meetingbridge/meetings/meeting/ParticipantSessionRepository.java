package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Participant sessions, written so that any order and any number of deliveries give the same rows: a join
 * keeps the earliest join time and fills in names; a leave closes a session once (or records a session whose
 * join was never seen).
 */
@Repository
public class ParticipantSessionRepository {

    private static final int MAX_USER_ID = 64;

    private final DSLContext db;

    ParticipantSessionRepository(DSLContext db) {
        this.db = db;
    }

    public void joined(String meetingId, @Nullable String roomId, String sessionId, @Nullable String userId,
                       @Nullable String userName, Instant joinedAt) {
        db.insertInto(PARTICIPANT_SESSION)
                .set(PARTICIPANT_SESSION.MEETING_ID, meetingId)
                .set(PARTICIPANT_SESSION.ROOM_ID, roomId)
                .set(PARTICIPANT_SESSION.SESSION_ID, sessionId)
                .set(PARTICIPANT_SESSION.USER_ID, ours(userId))
                .set(PARTICIPANT_SESSION.USER_NAME, userName)
                .set(PARTICIPANT_SESSION.JOINED_AT, joinedAt)
                .onConflict(PARTICIPANT_SESSION.MEETING_ID, PARTICIPANT_SESSION.SESSION_ID)
                .doUpdate()
                .set(PARTICIPANT_SESSION.JOINED_AT, DSL.least(PARTICIPANT_SESSION.JOINED_AT, DSL.excluded(PARTICIPANT_SESSION.JOINED_AT)))
                .set(PARTICIPANT_SESSION.USER_ID, DSL.coalesce(PARTICIPANT_SESSION.USER_ID, DSL.excluded(PARTICIPANT_SESSION.USER_ID)))
                .set(PARTICIPANT_SESSION.USER_NAME, DSL.coalesce(PARTICIPANT_SESSION.USER_NAME, DSL.excluded(PARTICIPANT_SESSION.USER_NAME)))
                .execute();
    }

    public void left(String meetingId, @Nullable String roomId, String sessionId, @Nullable String userId,
                     @Nullable String userName, Instant leftAt) {
        db.insertInto(PARTICIPANT_SESSION)
                .set(PARTICIPANT_SESSION.MEETING_ID, meetingId)
                .set(PARTICIPANT_SESSION.ROOM_ID, roomId)
                .set(PARTICIPANT_SESSION.SESSION_ID, sessionId)
                .set(PARTICIPANT_SESSION.USER_ID, ours(userId))
                .set(PARTICIPANT_SESSION.USER_NAME, userName)
                .set(PARTICIPANT_SESSION.JOINED_AT, leftAt)
                .set(PARTICIPANT_SESSION.LEFT_AT, leftAt)
                .onConflict(PARTICIPANT_SESSION.MEETING_ID, PARTICIPANT_SESSION.SESSION_ID)
                .doUpdate()
                .set(PARTICIPANT_SESSION.LEFT_AT, DSL.coalesce(PARTICIPANT_SESSION.LEFT_AT,
                        DSL.greatest(DSL.excluded(PARTICIPANT_SESSION.LEFT_AT), PARTICIPANT_SESSION.JOINED_AT)))
                .set(PARTICIPANT_SESSION.USER_NAME, DSL.coalesce(PARTICIPANT_SESSION.USER_NAME, DSL.excluded(PARTICIPANT_SESSION.USER_NAME)))
                .execute();
    }

    /**
     * The provider's user id when it can be one of our users' ids ({@code user_id varchar(64)}), else none: the
     * session is kept without it rather than refused for it.
     */
    private static @Nullable String ours(@Nullable String userId) {
        return userId == null || userId.length() > MAX_USER_ID ? null : userId;
    }

    /** Session ids of the meeting that are still open. */
    List<String> openSessions(String meetingId) {
        return db.select(PARTICIPANT_SESSION.SESSION_ID).from(PARTICIPANT_SESSION)
                .where(PARTICIPANT_SESSION.MEETING_ID.eq(meetingId)).and(PARTICIPANT_SESSION.LEFT_AT.isNull())
                .fetch(PARTICIPANT_SESSION.SESSION_ID);
    }

    void close(String meetingId, Collection<String> sessionIds, Instant at) {
        if (!sessionIds.isEmpty()) {
            db.update(PARTICIPANT_SESSION)
                    .set(PARTICIPANT_SESSION.LEFT_AT, DSL.greatest(DSL.val(at), PARTICIPANT_SESSION.JOINED_AT))
                    .where(PARTICIPANT_SESSION.MEETING_ID.eq(meetingId))
                    .and(PARTICIPANT_SESSION.SESSION_ID.in(sessionIds))
                    .and(PARTICIPANT_SESSION.LEFT_AT.isNull())
                    .execute();
        }
    }

    boolean anyOpen(String meetingId) {
        return db.fetchExists(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meetingId)
                .and(PARTICIPANT_SESSION.LEFT_AT.isNull()));
    }
}
