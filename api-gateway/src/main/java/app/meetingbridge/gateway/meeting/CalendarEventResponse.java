package app.meetingbridge.gateway.meeting;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Reflector's {@code CalendarEventResponse}; the description and attendees are shown to the room's owner only. */
record CalendarEventResponse(String id, String roomId, String icsUid, @Nullable String title,
                             @Nullable String description, Instant startTime, Instant endTime,
                             @JsonRawValue @Nullable String attendees, @Nullable String location, Instant lastSynced,
                             Instant createdAt, Instant updatedAt) {

    static CalendarEventResponse of(CalendarEvent event, boolean owner) {
        return new CalendarEventResponse(event.id(), event.roomId(), event.icsUid(), event.title(),
                owner ? event.description() : null, event.startTime(), event.endTime(),
                owner ? event.attendeesJson() : null, event.location(), event.lastSynced(), event.createdAt(),
                event.updatedAt());
    }
}
