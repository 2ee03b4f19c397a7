package app.meetingbridge.gateway.room;

import static app.meetingbridge.db.Tables.ROOM;

import app.meetingbridge.db.tables.records.RoomRecord;
import app.meetingbridge.events.meeting.Platform;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class RoomRepository {

    private final DSLContext db;

    RoomRepository(DSLContext db) {
        this.db = db;
    }

    Optional<Room> findById(String id) {
        return db.selectFrom(ROOM).where(ROOM.ID.eq(id)).fetchOptional(RoomRepository::toRoom);
    }

    Optional<Room> findByName(String name) {
        return db.selectFrom(ROOM).where(ROOM.NAME.eq(name)).fetchOptional(RoomRepository::toRoom);
    }

    /** Inserts the room; the unique name constraint refuses a taken name (DuplicateKeyException). */
    void insert(Room room) {
        RoomRecord row = db.newRecord(ROOM);
        write(row, room.settings());
        row.setId(room.id()).setUserId(room.ownerId()).setCreatedAt(room.createdAt()).insert();
    }

    void update(Room room) {
        RoomRecord row = db.newRecord(ROOM);
        write(row, room.settings());
        row.setId(room.id());
        row.changed(ROOM.ID, false);
        db.update(ROOM).set(row).where(ROOM.ID.eq(room.id())).execute();
    }

    boolean delete(String id) {
        return db.deleteFrom(ROOM).where(ROOM.ID.eq(id)).execute() > 0;
    }

    /** One page of the rooms visible to a caller: their own and every shared room (or all of them). */
    List<Room> page(String ownerId, boolean everything, long offset, int limit) {
        return db.selectFrom(ROOM)
                .where(visible(ownerId, everything))
                .orderBy(ROOM.CREATED_AT.desc(), ROOM.ID)
                .offset(offset)
                .limit(limit)
                .fetch(RoomRepository::toRoom);
    }

    int count(String ownerId, boolean everything) {
        return db.fetchCount(ROOM, visible(ownerId, everything));
    }

    private static Condition visible(String ownerId, boolean everything) {
        return everything ? DSL.trueCondition() : ROOM.USER_ID.eq(ownerId).or(ROOM.IS_SHARED.isTrue());
    }

    private static void write(RoomRecord row, RoomSettings s) {
        row.setName(s.name())
                .setZulipAutoPost(s.zulipAutoPost())
                .setZulipStream(s.zulipStream())
                .setZulipTopic(s.zulipTopic())
                .setIsLocked(s.isLocked())
                .setRoomMode(s.roomMode())
                .setRecordingType(s.recordingType())
                .setRecordingTrigger(s.recordingTrigger())
                .setIsShared(s.isShared())
                .setWebhookUrl(s.webhookUrl())
                .setWebhookSecret(s.webhookSecret())
                .setIcsUrl(s.icsUrl())
                .setIcsFetchInterval(s.icsFetchInterval())
                .setIcsEnabled(s.icsEnabled())
                .setPlatform(s.platform().wireName())
                .setSkipConsent(s.skipConsent());
    }

    private static Room toRoom(RoomRecord row) {
        RoomSettings settings = new RoomSettings(row.getName(), row.getZulipAutoPost(), row.getZulipStream(),
                row.getZulipTopic(), row.getIsLocked(), row.getRoomMode(), row.getRecordingType(),
                row.getRecordingTrigger(), row.getIsShared(), row.getWebhookUrl(), row.getWebhookSecret(),
                row.getIcsUrl(), row.getIcsFetchInterval(), row.getIcsEnabled(), Platform.of(row.getPlatform()),
                row.getSkipConsent());
        return new Room(row.getId(), row.getUserId(), row.getCreatedAt(), settings, row.getIcsLastSync(),
                row.getIcsLastEtag());
    }
}
