package app.meetingbridge.meetings.calendar;

import static app.meetingbridge.db.Tables.CALENDAR_EVENT;

import app.meetingbridge.db.tables.records.CalendarEventRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

/** The calendar events of rooms, one row per room and occurrence key ({@code ics_uid}). */
@Repository
class CalendarEventRepository {

    private final DSLContext db;

    CalendarEventRepository(DSLContext db) {
        this.db = db;
    }

    /** Stores the occurrence: created, updated (a field changed, or it was deleted), or left as it was. */
    Change upsert(String roomId, FeedEvent event, String attendeesJson, Instant now) {
        CalendarEventRecord row = db.selectFrom(CALENDAR_EVENT)
                .where(CALENDAR_EVENT.ROOM_ID.eq(roomId)).and(CALENDAR_EVENT.ICS_UID.eq(event.key()))
                .fetchOne();
        JSONB attendees = JSONB.valueOf(attendeesJson);
        if (row == null) {
            db.insertInto(CALENDAR_EVENT)
                    .set(CALENDAR_EVENT.ID, UUID.randomUUID().toString())
                    .set(CALENDAR_EVENT.ROOM_ID, roomId)
                    .set(CALENDAR_EVENT.ICS_UID, event.key())
                    .set(fromFeed(event, attendees))
                    .set(CALENDAR_EVENT.LAST_SYNCED, now)
                    .set(CALENDAR_EVENT.CREATED_AT, now)
                    .set(CALENDAR_EVENT.UPDATED_AT, now)
                    .execute();
            return Change.CREATED;
        }
        boolean changed = row.getIsDeleted()
                || !Objects.equals(row.getTitle(), event.title())
                || !Objects.equals(row.getDescription(), event.description())
                || !Objects.equals(row.getLocation(), event.location())
                || !row.getStartTime().equals(event.start())
                || !row.getEndTime().equals(event.end())
                || !Objects.equals(row.getAttendees(), attendees)
                || !Objects.equals(row.getIcsRawData(), event.raw());
        var update = db.update(CALENDAR_EVENT).set(CALENDAR_EVENT.LAST_SYNCED, now);
        if (changed) {
            update = update.set(fromFeed(event, attendees))
                    .set(CALENDAR_EVENT.IS_DELETED, false)
                    .set(CALENDAR_EVENT.UPDATED_AT, now);
        }
        update.where(CALENDAR_EVENT.ID.eq(row.getId())).execute();
        return changed ? Change.UPDATED : Change.UNCHANGED;
    }

    /** Marks deleted the room's events still to start that are not among {@code kept}; how many. */
    int deleteFutureExcept(String roomId, Collection<String> kept, Instant now) {
        return db.update(CALENDAR_EVENT)
                .set(CALENDAR_EVENT.IS_DELETED, true)
                .set(CALENDAR_EVENT.UPDATED_AT, now)
                .where(CALENDAR_EVENT.ROOM_ID.eq(roomId))
                .and(CALENDAR_EVENT.IS_DELETED.isFalse())
                .and(CALENDAR_EVENT.START_TIME.gt(now))
                .and(kept.isEmpty() ? org.jooq.impl.DSL.trueCondition() : CALENDAR_EVENT.ICS_UID.notIn(kept))
                .execute();
    }

    enum Change { CREATED, UPDATED, UNCHANGED }

    /** What an event's row takes from the feed, written the same on insert and on change. */
    private static Map<Field<?>, Object> fromFeed(FeedEvent event, JSONB attendees) {
        Map<Field<?>, Object> fields = new LinkedHashMap<>();
        fields.put(CALENDAR_EVENT.TITLE, event.title());
        fields.put(CALENDAR_EVENT.DESCRIPTION, event.description());
        fields.put(CALENDAR_EVENT.LOCATION, event.location());
        fields.put(CALENDAR_EVENT.START_TIME, event.start());
        fields.put(CALENDAR_EVENT.END_TIME, event.end());
        fields.put(CALENDAR_EVENT.ATTENDEES, attendees);
        fields.put(CALENDAR_EVENT.ICS_RAW_DATA, event.raw());
        return fields;
    }
}
