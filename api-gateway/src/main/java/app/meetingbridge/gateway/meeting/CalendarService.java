package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.events.meeting.SyncCalendar;
import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.room.Room;
import app.meetingbridge.gateway.room.RoomService;
import app.meetingbridge.gateway.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The calendar side of rooms (a room's ICS feed and its events): the events meeting-service's sync stored, the sync's
 * status, and a sync now, which meeting-service runs (the one implementation of the sync) when the owner asks.
 */
@Service
class CalendarService {

    /** {@code minutes_ahead} is held to a week: the sync keeps no events further ahead. */
    private static final double MAX_MINUTES_AHEAD = Duration.ofDays(7).toMinutes();

    private final RoomService rooms;
    private final CalendarEventRepository events;
    private final MeetingServiceClient meetingService;
    private final Clock clock;

    CalendarService(RoomService rooms, CalendarEventRepository events, MeetingServiceClient meetingService,
                    Clock clock) {
        this.rooms = rooms;
        this.events = events;
        this.meetingService = meetingService;
        this.clock = clock;
    }

    IcsSyncResponse sync(Caller caller, String roomName) {
        Room room = owned(caller, roomName, "Only room owner can trigger ICS sync");
        if (!room.settings().icsEnabled() || room.settings().icsUrl() == null) {
            throw ApiException.badRequest("ICS not configured for this room");
        }
        CalendarSyncReply reply = meetingService.syncCalendar(new SyncCalendar(UUID.randomUUID().toString(), room.id()));
        if ("error".equals(reply.status())) {
            // the feed failed, not this service: its short reason names no address (the guard's wording)
            throw new ApiException(HttpStatus.BAD_GATEWAY, reply.error() == null ? "ICS sync failed" : reply.error(),
                    null);
        }
        return IcsSyncResponse.of(reply);
    }

    IcsStatusResponse status(Caller caller, String roomName) {
        Room room = owned(caller, roomName, "Only room owner can view ICS status");
        boolean enabled = room.settings().icsEnabled();
        Instant lastSync = room.icsLastSync();
        Instant nextSync = enabled && lastSync != null ? lastSync.plus(interval(room.settings().icsFetchInterval())) : null;
        return new IcsStatusResponse(enabled ? "enabled" : "disabled", lastSync, nextSync, room.icsLastEtag(),
                events.countByRoom(room.id()));
    }

    List<CalendarEventResponse> events(Caller caller, String roomName) {
        Room room = named(roomName);
        return events.findByRoom(room.id()).stream()
                .map(event -> CalendarEventResponse.of(event, room.ownedBy(caller)))
                .toList();
    }

    /**
     * Events starting within {@code minutesAhead} that have not ended. The rooms page asks this for every room it
     * lists: a room without a calendar answers with nothing at the cost of reading the room.
     */
    List<CalendarEventResponse> upcoming(Caller caller, String roomName, double minutesAhead) {
        Room room = named(roomName);
        if (!room.settings().icsEnabled()) {
            return List.of();
        }
        Instant now = clock.instant();
        double minutes = Math.max(0, Math.min(MAX_MINUTES_AHEAD, minutesAhead));
        Instant until = now.plusSeconds((long) (minutes * 60));
        return events.findUpcoming(room.id(), now, until).stream()
                .map(event -> CalendarEventResponse.of(event, room.ownedBy(caller)))
                .toList();
    }

    /**
     * The room's sync interval as meeting-service reads it: up to 60 in minutes (Reflector's web app sends 1, 5, 10,
     * 30 or 60), above in seconds (its API's default is 300).
     */
    static Duration interval(int icsFetchInterval) {
        return icsFetchInterval <= 60 ? Duration.ofMinutes(icsFetchInterval) : Duration.ofSeconds(icsFetchInterval);
    }

    private Room named(String roomName) {
        return rooms.findByName(roomName).orElseThrow(() -> ApiException.notFound("Room not found"));
    }

    private Room owned(Caller caller, String roomName, String refusal) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
        Room room = named(roomName);
        if (!room.ownedBy(caller)) {
            throw ApiException.forbidden(refusal);
        }
        return room;
    }
}
