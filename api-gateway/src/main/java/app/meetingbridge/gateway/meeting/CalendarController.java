package app.meetingbridge.gateway.meeting;

import app.meetingbridge.gateway.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A room's calendar: its events, the sync's status, and a sync now. */
@RestController
@RequestMapping("/v1/rooms/{room_name}")
class CalendarController {

    private final CalendarService calendars;

    CalendarController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @PostMapping("/ics/sync")
    @Operation(operationId = "v1_rooms_sync_ics")
    IcsSyncResponse sync(Caller caller, @PathVariable("room_name") String roomName) {
        return calendars.sync(caller, roomName);
    }

    @GetMapping("/ics/status")
    @Operation(operationId = "v1_rooms_ics_status")
    IcsStatusResponse status(Caller caller, @PathVariable("room_name") String roomName) {
        return calendars.status(caller, roomName);
    }

    @GetMapping("/meetings")
    @Operation(operationId = "v1_rooms_list_meetings")
    List<CalendarEventResponse> events(Caller caller, @PathVariable("room_name") String roomName) {
        return calendars.events(caller, roomName);
    }

    @GetMapping("/meetings/upcoming")
    @Operation(operationId = "v1_rooms_list_upcoming_meetings")
    List<CalendarEventResponse> upcoming(Caller caller, @PathVariable("room_name") String roomName,
                                         @RequestParam(name = "minutes_ahead", defaultValue = "120") double minutesAhead) {
        return calendars.upcoming(caller, roomName, minutesAhead);
    }
}
