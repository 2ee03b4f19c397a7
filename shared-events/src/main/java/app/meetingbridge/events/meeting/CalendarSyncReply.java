package app.meetingbridge.events.meeting;

import org.jspecify.annotations.Nullable;

/**
 * Answer ({@code calendar.sync.reply}) to a {@link SyncCalendar}: {@code status} is {@code success},
 * {@code unchanged} (the feed answered 304), {@code error} (with {@code error}) or {@code skipped} (with
 * {@code reason}). {@code hash} is the feed's ETag, when it sent one.
 */
public record CalendarSyncReply(String status, @Nullable String hash, int eventsFound, int totalEvents,
                                int eventsCreated, int eventsUpdated, int eventsDeleted, @Nullable String error,
                                @Nullable String reason) {

    public static CalendarSyncReply skipped(String reason) {
        return new CalendarSyncReply("skipped", null, 0, 0, 0, 0, 0, null, reason);
    }

    public static CalendarSyncReply failed(String error) {
        return new CalendarSyncReply("error", null, 0, 0, 0, 0, 0, error, null);
    }
}
