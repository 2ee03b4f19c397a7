package app.meetingbridge.gateway.meeting;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.InvalidRequestException;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/rooms/{room_name}")
class MeetingController {

    private final MeetingService meetings;

    MeetingController(MeetingService meetings) {
        this.meetings = meetings;
    }

    /** Create-or-get; the body {@code {"allow_duplicated": bool}} may be omitted (false). */
    @Operation(operationId = "v1_rooms_create_meeting",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = MeetingSchemas.CreateRoomMeeting.class))))
    @PostMapping("/meeting")
    MeetingResponse createOrGet(Caller caller, @PathVariable("room_name") String roomName,
                                @RequestBody(required = false) @Nullable JsonNode body) {
        return meetings.createOrGet(caller, roomName, allowDuplicated(body));
    }

    @Operation(operationId = "v1_rooms_list_active_meetings")
    @GetMapping("/meetings/active")
    List<MeetingResponse> active(Caller caller, @PathVariable("room_name") String roomName) {
        return meetings.active(caller, roomName);
    }

    @Operation(operationId = "v1_rooms_get_meeting")
    @GetMapping("/meetings/{meeting_id}")
    MeetingResponse get(Caller caller, @PathVariable("room_name") String roomName,
                        @PathVariable("meeting_id") String meetingId) {
        return meetings.get(caller, roomName, meetingId);
    }

    @Operation(operationId = "v1_rooms_join_meeting")
    @PostMapping("/meetings/{meeting_id}/join")
    MeetingResponse join(Caller caller, @PathVariable("room_name") String roomName,
                         @PathVariable("meeting_id") String meetingId) {
        return meetings.join(caller, roomName, meetingId);
    }

    private static boolean allowDuplicated(@Nullable JsonNode body) {
        if (body == null || body.isNull()) {
            return false;
        }
        if (!body.isObject()) {
            throw InvalidRequestException.of(List.of("body"), "Input should be a JSON object", "model_type");
        }
        JsonNode value = body.get("allow_duplicated");
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw InvalidRequestException.of(List.of("body", "allow_duplicated"), "Input should be a valid boolean",
                    "bool_type");
        }
        return value.booleanValue();
    }
}
