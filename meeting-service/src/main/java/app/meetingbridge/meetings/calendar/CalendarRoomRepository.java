package app.meetingbridge.meetings.calendar;

import static app.meetingbridge.db.Tables.ROOM;

import app.meetingbridge.db.tables.records.RoomRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The calendar columns of rooms: which feeds are due, and what a sync recorded. */
@Repository
class CalendarRoomRepository {

    private final DSLContext db;

    CalendarRoomRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * {@code ics_fetch_interval} up to this is in minutes, as Reflector's web app sends it (1, 5, 10, 30, 60); above,
     * in seconds, as its API's default (300). Reflector reads all as seconds, so its web app's choices all meant
     * "every minute", a Reflector bug not kept.
     */
    static final int MINUTES_UP_TO = 60;

    /** Enabled rooms with a feed never synced, or last synced at least their {@code ics_fetch_interval} ago. */
    List<CalendarRoom> due(Instant now) {
        return db.selectFrom(ROOM).where(due(ROOM.ICS_ENABLED.isTrue(), now))
                .orderBy(ROOM.ICS_LAST_SYNC.asc().nullsFirst())
                .fetch(CalendarRoomRepository::toRoom);
    }

    /** The room, if it is due (as {@link #due}). */
    Optional<CalendarRoom> findDue(String roomId, Instant now) {
        return db.selectFrom(ROOM).where(due(ROOM.ID.eq(roomId), now)).fetchOptional(CalendarRoomRepository::toRoom);
    }

    private static Condition due(Condition which, Instant now) {
        return which.and(ROOM.ICS_ENABLED.isTrue()).and(ROOM.ICS_URL.isNotNull())
                .and(ROOM.ICS_LAST_SYNC.isNull().or(ROOM.ICS_LAST_SYNC.le(
                        DSL.field("{0} - make_interval(secs => case when {1} <= {2} then {1} * 60 else {1} end)",
                                Instant.class, DSL.val(now), ROOM.ICS_FETCH_INTERVAL,
                                DSL.inline(MINUTES_UP_TO)))));
    }

    Optional<CalendarRoom> find(String roomId) {
        return db.selectFrom(ROOM).where(ROOM.ID.eq(roomId)).fetchOptional(CalendarRoomRepository::toRoom);
    }

    /** Takes the advisory lock of a job for this transaction, if no instance holds it. */
    boolean tryJobLock(String name) {
        return Boolean.TRUE.equals(db.select(DSL.field("pg_try_advisory_xact_lock(hashtext({0}))", Boolean.class,
                name)).fetchSingle().value1());
    }

    /**
     * Takes the room's sync lock for this transaction, if no other sync holds it (on any instance): one sync of a
     * room at a time, the scheduled one or one asked for.
     */
    boolean tryLock(String roomId) {
        return Boolean.TRUE.equals(db.select(DSL.field("pg_try_advisory_xact_lock(hashtext({0}))", Boolean.class,
                "calendar-sync:" + roomId)).fetchSingle().value1());
    }

    /** A sync that read the feed ({@code parsedAt} set) or found it unchanged ({@code parsedAt} null). */
    void synced(String roomId, Instant at, @Nullable String etag, @Nullable String lastModified,
                @Nullable Instant parsedAt) {
        var update = db.update(ROOM)
                .set(ROOM.ICS_LAST_SYNC, at)
                .set(ROOM.ICS_LAST_ETAG, etag)
                .set(ROOM.ICS_LAST_MODIFIED, lastModified)
                .set(ROOM.ICS_LAST_ERROR, (String) null);
        (parsedAt == null ? update : update.set(ROOM.ICS_LAST_PARSED, parsedAt))
                .where(ROOM.ID.eq(roomId)).execute();
    }

    /** A failed sync: tried again after the room's interval, like a successful one. */
    void failed(String roomId, Instant at, String reason) {
        db.update(ROOM).set(ROOM.ICS_LAST_SYNC, at).set(ROOM.ICS_LAST_ERROR, reason)
                .where(ROOM.ID.eq(roomId)).execute();
    }

    private static CalendarRoom toRoom(RoomRecord row) {
        return new CalendarRoom(row.getId(), row.getName(), row.getIcsUrl(), row.getIcsEnabled(),
                row.getIcsLastEtag(), row.getIcsLastModified(), row.getIcsLastParsed());
    }
}
