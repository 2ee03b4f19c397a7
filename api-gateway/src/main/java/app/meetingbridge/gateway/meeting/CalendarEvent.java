package app.meetingbridge.gateway.meeting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A calendar event of a room, as the calendar sync stored it. */
record CalendarEvent(String id, String roomId, String icsUid, @Nullable String title, @Nullable String description,
                     Instant startTime, Instant endTime, @Nullable String attendeesJson, @Nullable String location,
                     Instant lastSynced, Instant createdAt, Instant updatedAt) {
}
