package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.MEETING;

import app.meetingbridge.db.tables.records.MeetingRecord;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class MeetingRepository {

    private final DSLContext db;

    MeetingRepository(DSLContext db) {
        this.db = db;
    }

    /** The active, unexpired meeting of the room with these settings that ends last, if any. */
    Optional<Meeting> findReusable(String roomId, MeetingSettings settings, Instant now) {
        return db.selectFrom(MEETING)
                .where(MEETING.ROOM_ID.eq(roomId))
                .and(MEETING.IS_ACTIVE.isTrue())
                .and(MEETING.END_DATE.gt(now))
                .and(MEETING.IS_LOCKED.eq(settings.isLocked()))
                .and(MEETING.ROOM_MODE.eq(settings.roomMode()))
                .and(MEETING.RECORDING_TYPE.eq(settings.recordingType()))
                .and(MEETING.RECORDING_TRIGGER.eq(settings.recordingTrigger()))
                .and(MEETING.PLATFORM.eq(settings.platform().wireName()))
                .orderBy(MEETING.END_DATE.desc())
                .limit(1)
                .fetchOptional(MeetingRepository::toMeeting);
    }

    Optional<Meeting> findById(String id) {
        return db.selectFrom(MEETING).where(MEETING.ID.eq(id)).fetchOptional(MeetingRepository::toMeeting);
    }

    /** Marks the meeting inactive; true if it was active. */
    boolean deactivate(String id) {
        return db.update(MEETING).set(MEETING.IS_ACTIVE, false)
                .where(MEETING.ID.eq(id)).and(MEETING.IS_ACTIVE.isTrue()).execute() > 0;
    }

    void markProviderRoomDeleted(String id, Instant at) {
        db.update(MEETING).set(MEETING.PROVIDER_ROOM_DELETED_AT, at)
                .where(MEETING.ID.eq(id)).and(MEETING.PROVIDER_ROOM_DELETED_AT.isNull()).execute();
    }

    void insert(Meeting meeting) {
        MeetingRecord row = db.newRecord(MEETING)
                .setId(meeting.id())
                .setRoomId(meeting.roomId())
                .setPlatform(meeting.settings().platform().wireName())
                .setProviderMeetingId(meeting.providerMeetingId())
                .setProviderRoomName(meeting.providerRoomName())
                .setRoomUrl(meeting.roomUrl())
                .setHostRoomUrl(meeting.hostRoomUrl())
                .setStartDate(meeting.startDate())
                .setEndDate(meeting.endDate())
                .setIsLocked(meeting.settings().isLocked())
                .setRoomMode(meeting.settings().roomMode())
                .setRecordingType(meeting.settings().recordingType())
                .setRecordingTrigger(meeting.settings().recordingTrigger())
                .setIsActive(meeting.active())
                .setCreatedAt(meeting.startDate());
        row.insert();
    }

    private static Meeting toMeeting(MeetingRecord row) {
        var settings = new MeetingSettings(row.getIsLocked(), row.getRoomMode(), row.getRecordingType(),
                row.getRecordingTrigger(), Platform.of(row.getPlatform()));
        return new Meeting(row.getId(), row.getRoomId(), settings, row.getProviderMeetingId(),
                row.getProviderRoomName(), row.getRoomUrl(), row.getHostRoomUrl(), row.getStartDate(),
                row.getEndDate(), row.getIsActive(), row.getProviderRoomDeletedAt());
    }
}
