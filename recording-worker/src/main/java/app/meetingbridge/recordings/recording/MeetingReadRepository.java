package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.MEETING_CONSENT;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.ROOM;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** What the worker reads of meetings (written by others): the room and owner, who took part, consent. */
@Repository
class MeetingReadRepository {

    private final DSLContext db;

    MeetingReadRepository(DSLContext db) {
        this.db = db;
    }

    Optional<MeetingRoom> roomOf(String meetingId) {
        return db.select(MEETING.ID, ROOM.ID, ROOM.USER_ID).from(MEETING).join(ROOM).on(ROOM.ID.eq(MEETING.ROOM_ID))
                .where(MEETING.ID.eq(meetingId))
                .fetchOptional(row -> new MeetingRoom(row.value1(), row.value2(), row.value3()));
    }

    /** The meeting's participants by provider session id: display name (may be null) and user id (may be null). */
    Map<String, Participant> participants(String meetingId) {
        Map<String, Participant> bySession = new HashMap<>();
        db.select(PARTICIPANT_SESSION.SESSION_ID, PARTICIPANT_SESSION.USER_NAME, PARTICIPANT_SESSION.USER_ID)
                .from(PARTICIPANT_SESSION).where(PARTICIPANT_SESSION.MEETING_ID.eq(meetingId))
                .forEach(row -> bySession.put(row.value1(), new Participant(row.value2(), row.value3())));
        return bySession;
    }

    /** Whether anyone in the meeting refused to have its audio kept. */
    boolean consentRefused(String meetingId) {
        return db.fetchExists(MEETING_CONSENT, MEETING_CONSENT.MEETING_ID.eq(meetingId)
                .and(MEETING_CONSENT.CONSENT_GIVEN.isFalse()));
    }

    record Participant(@org.jspecify.annotations.Nullable String name, @org.jspecify.annotations.Nullable String userId) {
    }
}
