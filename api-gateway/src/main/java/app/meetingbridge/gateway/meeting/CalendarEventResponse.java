package app.meetingbridge.gateway.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reflector's {@code CalendarEventResponse}; the description and attendees are shown to the room's owner only. */
record CalendarEventResponse(String id, String roomId, String icsUid, @Nullable String title,
                             @Nullable String description, Instant startTime, Instant endTime,
                             @Nullable List<Map<String, Object>> attendees, @Nullable String location,
                             Instant lastSynced, Instant createdAt, Instant updatedAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> ATTENDEES = new TypeReference<>() {
    };

    static CalendarEventResponse of(CalendarEvent event, boolean owner) {
        return new CalendarEventResponse(event.id(), event.roomId(), event.icsUid(), event.title(),
                owner ? event.description() : null, event.startTime(), event.endTime(),
                owner && event.attendeesJson() != null ? JSON.readValue(event.attendeesJson(), ATTENDEES) : null,
                event.location(), event.lastSynced(), event.createdAt(), event.updatedAt());
    }
}
