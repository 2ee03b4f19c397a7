package app.meetingbridge.meetings.calendar;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One occurrence of an event of a feed. {@code key} is what it is stored under: the event's UID, and for an
 * occurrence of a recurring event the UID and the occurrence's original start.
 */
record FeedEvent(String key, @Nullable String title, @Nullable String description, @Nullable String location,
                 Instant start, Instant end, List<Attendee> attendees, String raw) {

    record Attendee(@Nullable String email, @Nullable String name, @Nullable String status, @Nullable String role) {
    }
}
