package app.meetingbridge.rooms;

import static app.meetingbridge.db.Tables.MEETING;

import app.meetingbridge.db.tables.records.MeetingRecord;
import app.meetingbridge.events.meeting.MeetingSettings;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Which meeting a request for a room's meeting gets instead of a new one: the room's active meeting that has not
 * ended and was made with exactly the settings a new one would get now (lock, mode, recording type and trigger,
 * platform); of several, the one that ends last. A meeting made before the owner changed a setting is not reused.
 */
public final class ReusableMeeting {

    private ReusableMeeting() {
    }

    /** The meeting to reuse, if the room has one; {@code wanted} is what {@link RoomMeetingSettings} gives now. */
    public static Optional<MeetingRecord> find(DSLContext db, String roomId, MeetingSettings wanted, Instant now) {
        return db.selectFrom(MEETING)
                .where(MEETING.ROOM_ID.eq(roomId))
                .and(MEETING.IS_ACTIVE.isTrue())
                .and(MEETING.END_DATE.gt(now))
                .and(MEETING.IS_LOCKED.eq(wanted.isLocked()))
                .and(MEETING.ROOM_MODE.eq(wanted.roomMode()))
                .and(MEETING.RECORDING_TYPE.eq(wanted.recordingType()))
                .and(MEETING.RECORDING_TRIGGER.eq(wanted.recordingTrigger()))
                .and(MEETING.PLATFORM.eq(wanted.platform().wireName()))
                .orderBy(MEETING.END_DATE.desc())
                .limit(1)
                .fetchOptional();
    }
}
