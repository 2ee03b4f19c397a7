package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.CALENDAR_EVENT;
import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.ROOM;

import app.meetingbridge.db.tables.records.MeetingRecord;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.rooms.ReusableMeeting;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
public class MeetingRepository {

    private final DSLContext db;

    MeetingRepository(DSLContext db) {
        this.db = db;
    }

    /** The room's meeting a request reuses instead of making one, if it has one. */
    Optional<Meeting> findReusable(String roomId, MeetingSettings settings, Instant now) {
        return ReusableMeeting.find(db, roomId, settings, now).map(MeetingRepository::toMeeting);
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

    public Optional<Meeting> findByProviderRoom(Platform platform, String providerRoomName) {
        return db.selectFrom(MEETING)
                .where(MEETING.PROVIDER_ROOM_NAME.eq(providerRoomName)).and(MEETING.PLATFORM.eq(platform.wireName()))
                .fetchOptional(MeetingRepository::toMeeting);
    }

    /**
     * Someone was given, joined or left the meeting at {@code at}. Kept to the second: a busy meeting's row is
     * written at most once a second by this, whatever the number of events.
     */
    public void touch(String id, Instant at) {
        db.update(MEETING).set(MEETING.LAST_ACTIVITY_AT, at)
                .where(MEETING.ID.eq(id)).and(MEETING.LAST_ACTIVITY_AT.lt(at.minusSeconds(1)))
                .execute();
    }

    /**
     * Takes the meeting's row for this transaction (as an update would, without changing it). Whoever writes a
     * meeting and its participant sessions takes the row first, so that two such transactions queue on it instead
     * of each holding what the other wants next.
     */
    public void lock(String id) {
        db.select(MEETING.ID).from(MEETING).where(MEETING.ID.eq(id)).forNoKeyUpdate().fetch();
    }

    /** The provider's absolute participant count as of {@code at}; an older report than the last one is ignored. */
    public void countParticipants(String id, int numClients, Instant at) {
        db.update(MEETING).set(MEETING.NUM_CLIENTS, Math.max(0, numClients)).set(MEETING.NUM_CLIENTS_AT, at)
                .where(MEETING.ID.eq(id))
                .and(MEETING.NUM_CLIENTS_AT.isNull().or(MEETING.NUM_CLIENTS_AT.le(at)))
                .execute();
    }

    /** Asks the presence reconciler to read this meeting soon; a meeting already asked for is left as it is. */
    public void markPresenceDirty(String id, Instant at) {
        db.update(MEETING).set(MEETING.PRESENCE_DIRTY_AT, at)
                .where(MEETING.ID.eq(id)).and(MEETING.PRESENCE_DIRTY_AT.isNull()).execute();
    }

    void presenceReconciled(String id, int numClients, Instant at) {
        db.update(MEETING).set(MEETING.NUM_CLIENTS, numClients).set(MEETING.NUM_CLIENTS_AT, at)
                .set(MEETING.PRESENCE_DIRTY_AT, (Instant) null)
                .where(MEETING.ID.eq(id)).execute();
    }

    public void sessionChanged(String id, boolean started, Instant at) {
        db.update(MEETING).set(started ? MEETING.SESSION_STARTED_AT : MEETING.SESSION_ENDED_AT, at)
                .where(MEETING.ID.eq(id)).execute();
    }

    public void recordingFailed(String id, String error, Instant at) {
        db.update(MEETING).set(MEETING.LAST_RECORDING_ERROR, error).set(MEETING.LAST_RECORDING_ERROR_AT, at)
                .where(MEETING.ID.eq(id)).execute();
    }

    /** Active meetings on a platform whose presence should be read: all, or only those a webhook marked. */
    List<Meeting> activeOn(Platform platform, boolean onlyDirty) {
        return db.selectFrom(MEETING)
                .where(MEETING.IS_ACTIVE.isTrue()).and(MEETING.PLATFORM.eq(platform.wireName()))
                .and(onlyDirty ? MEETING.PRESENCE_DIRTY_AT.isNotNull() : DSL.trueCondition())
                .fetch(MeetingRepository::toMeeting);
    }

    /**
     * Active meetings past their end, or untouched for longer than the grace period: candidates to close. A calendar
     * meeting nobody has been in is left open until its end, however late they come (as in Reflector: an unused
     * calendar meeting stays active until its end, a used one closes once it empties).
     */
    List<Meeting> idleOrEnded(Instant now, Instant idleSince) {
        return db.selectFrom(MEETING)
                .where(MEETING.IS_ACTIVE.isTrue())
                .and(MEETING.END_DATE.le(now).or(idle(idleSince)))
                .fetch(MeetingRepository::toMeeting);
    }

    private static Condition idle(Instant idleSince) {
        return MEETING.LAST_ACTIVITY_AT.lt(idleSince).and(MEETING.CALENDAR_EVENT_ID.isNull()
                .or(DSL.exists(DSL.selectOne().from(PARTICIPANT_SESSION)
                        .where(PARTICIPANT_SESSION.MEETING_ID.eq(MEETING.ID)))));
    }

    /** Deactivates the meeting unless it became active again after {@code idleSince} (checked atomically). */
    boolean deactivateIfIdle(String id, Instant now, Instant idleSince) {
        return db.update(MEETING).set(MEETING.IS_ACTIVE, false)
                .where(MEETING.ID.eq(id)).and(MEETING.IS_ACTIVE.isTrue())
                .and(MEETING.END_DATE.le(now).or(idle(idleSince)))
                .execute() > 0;
    }

    /** Stores a new meeting with the {@code meeting.create} request that made it. */
    void insert(Meeting meeting, String createRequestId) {
        newRow(meeting, createRequestId).insert();
    }

    /**
     * Stores the meeting of a calendar event, with a copy of the event's title, description and attendees. Idle
     * time counts from the event's start, not from its creation ahead of it.
     */
    void insertForEvent(Meeting meeting, UpcomingEvent event, String metadataJson, Instant now) {
        MeetingRecord row = newRow(meeting, "calendar:" + event.calendarEventId())
                .setCalendarEventId(event.calendarEventId())
                .setCalendarMetadata(JSONB.valueOf(metadataJson))
                .setCreatedAt(now)
                .setLastActivityAt(meeting.startDate().isAfter(now) ? meeting.startDate() : now);
        row.insert();
    }

    /**
     * Calendar events of enabled calendar rooms that start by {@code until} and have not ended at {@code now},
     * are not deleted, and have no meeting; earliest first.
     */
    List<UpcomingEvent> upcomingEventsWithoutMeeting(Instant now, Instant until) {
        return db.select(CALENDAR_EVENT.ID, CALENDAR_EVENT.ROOM_ID, ROOM.NAME, CALENDAR_EVENT.START_TIME,
                        CALENDAR_EVENT.END_TIME, CALENDAR_EVENT.TITLE, CALENDAR_EVENT.DESCRIPTION,
                        CALENDAR_EVENT.ATTENDEES)
                .from(CALENDAR_EVENT).join(ROOM).on(ROOM.ID.eq(CALENDAR_EVENT.ROOM_ID))
                .where(ROOM.ICS_ENABLED.isTrue())
                .and(CALENDAR_EVENT.IS_DELETED.isFalse())
                .and(CALENDAR_EVENT.START_TIME.le(until))
                .and(CALENDAR_EVENT.END_TIME.gt(now))
                .andNotExists(DSL.selectOne().from(MEETING).where(MEETING.CALENDAR_EVENT_ID.eq(CALENDAR_EVENT.ID)))
                .orderBy(CALENDAR_EVENT.START_TIME, CALENDAR_EVENT.ID)
                .fetch(row -> new UpcomingEvent(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        row.value6(), row.value7(), row.value8() == null ? null : row.value8().data()));
    }

    /**
     * Whether the room has an active meeting of another calendar event with this one's start, end and title: the
     * same event, listed twice by an aggregated feed under two UIDs.
     */
    boolean hasActiveTwinOf(UpcomingEvent event) {
        return db.fetchExists(db.selectOne().from(MEETING)
                .join(CALENDAR_EVENT).on(CALENDAR_EVENT.ID.eq(MEETING.CALENDAR_EVENT_ID))
                .where(MEETING.ROOM_ID.eq(event.roomId()))
                .and(MEETING.IS_ACTIVE.isTrue())
                .and(CALENDAR_EVENT.START_TIME.eq(event.start()))
                .and(CALENDAR_EVENT.END_TIME.eq(event.end()))
                .and(CALENDAR_EVENT.TITLE.isNotDistinctFrom(event.title())));
    }

    private MeetingRecord newRow(Meeting meeting, String createRequestId) {
        return db.newRecord(MEETING)
                .setId(meeting.id())
                .setCreateRequestId(createRequestId)
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
    }

    /** The meeting a {@code meeting.create} request made, if it made one. */
    Optional<String> createdBy(String createRequestId) {
        return db.select(MEETING.ID).from(MEETING).where(MEETING.CREATE_REQUEST_ID.eq(createRequestId))
                .fetchOptional(MEETING.ID);
    }

    private static Meeting toMeeting(MeetingRecord row) {
        var settings = new MeetingSettings(row.getIsLocked(), row.getRoomMode(), row.getRecordingType(),
                row.getRecordingTrigger(), Platform.of(row.getPlatform()));
        return new Meeting(row.getId(), row.getRoomId(), settings, row.getProviderMeetingId(),
                row.getProviderRoomName(), row.getRoomUrl(), row.getHostRoomUrl(), row.getStartDate(),
                row.getEndDate(), row.getIsActive(), row.getProviderRoomDeletedAt());
    }
}
