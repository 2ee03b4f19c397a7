package app.meetingbridge.gateway.meeting;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.InvalidRequestException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/rooms/{roomName}")
class MeetingController {

    private final MeetingService meetings;

    MeetingController(MeetingService meetings) {
        this.meetings = meetings;
    }

    /** Create-or-get; the body {@code {"allow_duplicated": bool}} may be omitted (false). */
    @PostMapping("/meeting")
    MeetingResponse createOrGet(Caller caller, @PathVariable String roomName,
                                @RequestBody(required = false) @Nullable JsonNode body) {
        return meetings.createOrGet(caller, roomName, allowDuplicated(body));
    }

    @GetMapping("/meetings/active")
    List<MeetingResponse> active(Caller caller, @PathVariable String roomName) {
        return meetings.active(caller, roomName);
    }

    @GetMapping("/meetings/{meetingId}")
    MeetingResponse get(Caller caller, @PathVariable String roomName, @PathVariable String meetingId) {
        return meetings.get(caller, roomName, meetingId);
    }

    @PostMapping("/meetings/{meetingId}/join")
    MeetingResponse join(Caller caller, @PathVariable String roomName, @PathVariable String meetingId) {
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
