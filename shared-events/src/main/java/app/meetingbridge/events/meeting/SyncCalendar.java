package app.meetingbridge.events.meeting;

/**
 * Request ({@code calendar.sync}): fetch the room's calendar feed now and bring its calendar events up to date.
 * Answered with a {@link CalendarSyncReply}.
 */
public record SyncCalendar(String requestId, String roomId) {
}
