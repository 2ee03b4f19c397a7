package app.meetingbridge.gateway.meeting;

import static app.meetingbridge.db.Tables.MEETING;

import app.meetingbridge.db.tables.records.MeetingRecord;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.rooms.ReusableMeeting;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class MeetingRepository {

    private final DSLContext db;

    MeetingRepository(DSLContext db) {
        this.db = db;
    }

    /** The room's meeting a request reuses instead of making one, if it has one. */
    Optional<Meeting> findReusable(String roomId, MeetingSettings settings, Instant now) {
        return ReusableMeeting.find(db, roomId, settings, now).map(MeetingRepository::toMeeting);
    }

    /** The room's active, unexpired meetings, the one ending last first. */
    List<Meeting> findActive(String roomId, Instant now) {
        return db.selectFrom(MEETING)
                .where(MEETING.ROOM_ID.eq(roomId))
                .and(MEETING.IS_ACTIVE.isTrue())
                .and(MEETING.END_DATE.gt(now))
                .orderBy(MEETING.END_DATE.desc())
                .fetch(MeetingRepository::toMeeting);
    }

    /**
     * Records that the meeting was just handed to someone, so it is not closed under a participant who is still
     * connecting. Written at most every 15 s per meeting: a no-op update otherwise.
     */
    void touch(String meetingId, Instant now) {
        db.update(MEETING).set(MEETING.LAST_ACTIVITY_AT, now)
                .where(MEETING.ID.eq(meetingId))
                .and(MEETING.LAST_ACTIVITY_AT.lt(now.minusSeconds(15)))
                .execute();
    }

    Optional<Meeting> findById(String meetingId) {
        return db.selectFrom(MEETING).where(MEETING.ID.eq(meetingId)).fetchOptional(MeetingRepository::toMeeting);
    }

    Optional<Meeting> findInRoom(String roomId, String meetingId) {
        return db.selectFrom(MEETING)
                .where(MEETING.ID.eq(meetingId))
                .and(MEETING.ROOM_ID.eq(roomId))
                .fetchOptional(MeetingRepository::toMeeting);
    }

    private static Meeting toMeeting(MeetingRecord row) {
        var settings = new MeetingSettings(row.getIsLocked(), row.getRoomMode(), row.getRecordingType(),
                row.getRecordingTrigger(), Platform.of(row.getPlatform()));
        return new Meeting(row.getId(), row.getRoomId(), settings, row.getProviderRoomName(), row.getRoomUrl(),
                row.getHostRoomUrl(), row.getStartDate(), row.getEndDate(), row.getNumClients(), row.getIsActive(),
                row.getCalendarEventId(), row.getCalendarMetadata() == null ? null : row.getCalendarMetadata().data(),
                row.getDailyComposedVideoS3Key(), row.getDailyComposedVideoDuration());
    }
}
