package app.meetingbridge.meetings.calendar;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A room with a calendar feed, and what its last sync left: the feed's validators and when it was last read. */
record CalendarRoom(String id, String name, @Nullable String icsUrl, boolean enabled, @Nullable String etag,
                    @Nullable String lastModified, @Nullable Instant lastParsed) {
}
