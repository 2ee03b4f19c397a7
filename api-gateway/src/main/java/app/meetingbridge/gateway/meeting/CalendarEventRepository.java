package app.meetingbridge.gateway.meeting;

import static app.meetingbridge.db.Tables.CALENDAR_EVENT;

import app.meetingbridge.db.tables.records.CalendarEventRecord;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Reads the calendar events meeting-service's calendar sync stores. */
@Repository
class CalendarEventRepository {

    private final DSLContext db;

    CalendarEventRepository(DSLContext db) {
        this.db = db;
    }

    /** The room's events that are not deleted, earliest first. */
    List<CalendarEvent> findByRoom(String roomId) {
        return db.selectFrom(CALENDAR_EVENT)
                .where(CALENDAR_EVENT.ROOM_ID.eq(roomId)).and(CALENDAR_EVENT.IS_DELETED.isFalse())
                .orderBy(CALENDAR_EVENT.START_TIME, CALENDAR_EVENT.ID)
                .fetch(CalendarEventRepository::toEvent);
    }

    /** The room's events, not deleted, that start by {@code until} and have not ended at {@code now}. */
    List<CalendarEvent> findUpcoming(String roomId, Instant now, Instant until) {
        return db.selectFrom(CALENDAR_EVENT)
                .where(CALENDAR_EVENT.ROOM_ID.eq(roomId)).and(CALENDAR_EVENT.IS_DELETED.isFalse())
                .and(CALENDAR_EVENT.START_TIME.le(until)).and(CALENDAR_EVENT.END_TIME.ge(now))
                .orderBy(CALENDAR_EVENT.START_TIME, CALENDAR_EVENT.ID)
                .fetch(CalendarEventRepository::toEvent);
    }

    int countByRoom(String roomId) {
        return db.fetchCount(CALENDAR_EVENT, CALENDAR_EVENT.ROOM_ID.eq(roomId).and(CALENDAR_EVENT.IS_DELETED.isFalse()));
    }

    private static CalendarEvent toEvent(CalendarEventRecord row) {
        return new CalendarEvent(row.getId(), row.getRoomId(), row.getIcsUid(), row.getTitle(), row.getDescription(),
                row.getStartTime(), row.getEndTime(), row.getAttendees() == null ? null : row.getAttendees().data(),
                row.getLocation(), row.getLastSynced(), row.getCreatedAt(), row.getUpdatedAt());
    }
}
