package app.meetingbridge.meetings.meeting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A calendar event about to start that has no meeting yet, with what its meeting copies from it. */
record UpcomingEvent(String calendarEventId, String roomId, String roomName, Instant start, Instant end,
                     @Nullable String title, @Nullable String description, @Nullable String attendeesJson) {
}
