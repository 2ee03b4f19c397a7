package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.ROOM;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.rooms.RoomMeetingSettings;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class RoomRepository {

    private final DSLContext db;

    RoomRepository(DSLContext db) {
        this.db = db;
    }

    /** The platforms rooms are set to. */
    java.util.Set<Platform> platformsInUse() {
        return db.selectDistinct(ROOM.PLATFORM).from(ROOM).fetchSet(row -> Platform.of(row.value1()));
    }

    Optional<Room> findById(String id) {
        return db.selectFrom(ROOM)
                .where(ROOM.ID.eq(id))
                .fetchOptional(row -> new Room(row.getId(), row.getName(), RoomMeetingSettings.of(row)));
    }

    /** The room, locked until the transaction ends: meeting creation for one room runs one at a time. */
    Optional<Room> lockByName(String name) {
        return db.selectFrom(ROOM)
                .where(ROOM.NAME.eq(name))
                .forUpdate()
                .fetchOptional(row -> new Room(row.getId(), row.getName(), RoomMeetingSettings.of(row)));
    }
}
