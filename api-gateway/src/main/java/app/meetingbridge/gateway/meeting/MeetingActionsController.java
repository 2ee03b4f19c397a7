package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.meeting.StartRecording;
import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** What participants and owners do to a meeting by its id: deactivate, consent, start recording. */
@RestController
@RequestMapping("/v1/meetings/{meeting_id}")
class MeetingActionsController {

    private final MeetingService meetings;
    private final ConsentService consents;

    MeetingActionsController(MeetingService meetings, ConsentService consents) {
        this.meetings = meetings;
        this.consents = consents;
    }

    @Operation(operationId = "v1_meeting_deactivate")
    @PatchMapping("/deactivate")
    Map<String, String> deactivate(Caller caller, @PathVariable("meeting_id") String meetingId) {
        meetings.deactivate(caller, meetingId);
        return Map.of("status", "success", "meeting_id", meetingId);
    }

    /** Body {@code {"consent_given": bool}}; anonymous decisions are limited per source address. */
    @Operation(operationId = "v1_meeting_audio_consent",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = MeetingSchemas.MeetingConsentRequest.class))))
    @PostMapping("/consent")
    Map<String, String> consent(Caller caller, @PathVariable("meeting_id") String meetingId, @RequestBody JsonNode body,
                                HttpServletRequest request) {
        JsonNode given = object(body).get("consent_given");
        if (given == null || !given.isBoolean()) {
            throw InvalidRequestException.of(List.of("body", "consent_given"),
                    given == null ? "Field required" : "Input should be a valid boolean",
                    given == null ? "missing" : "bool_type");
        }
        return Map.of("status", "success", "consent_id",
                consents.decide(caller, meetingId, given.booleanValue(), request.getRemoteAddr()));
    }

    /**
     * Body {@code {"type": "cloud" | "raw-tracks", "instanceId": uuid}}. The instance id is checked to be a UUID;
     * the one used is the meeting's deterministic id for that type (the frontend computes the same).
     */
    @Operation(operationId = "v1_start_recording",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = MeetingSchemas.StartRecordingRequest.class))))
    @PostMapping("/recordings/start")
    Map<String, Object> startRecording(Caller caller, @PathVariable("meeting_id") String meetingId,
                                       @RequestBody JsonNode body) {
        JsonNode type = object(body).get("type");
        StartRecording.Kind kind;
        if (type != null && type.isString() && type.stringValue().equals("cloud")) {
            kind = StartRecording.Kind.CLOUD;
        } else if (type != null && type.isString() && type.stringValue().equals("raw-tracks")) {
            kind = StartRecording.Kind.RAW_TRACKS;
        } else {
            throw InvalidRequestException.of(List.of("body", "type"), "Input should be 'cloud' or 'raw-tracks'", "enum");
        }
        JsonNode instanceId = body.get("instanceId");
        if (instanceId != null && !instanceId.isNull() && !isUuid(instanceId)) {
            throw InvalidRequestException.of(List.of("body", "instanceId"), "Input should be a valid UUID", "uuid_parsing");
        }
        MeetingService.RecordingStarted started = meetings.startRecording(caller, meetingId, kind);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", started.alreadyActive() ? "already_active" : "ok");
        response.put("instanceId", started.instanceId());
        if (!started.alreadyActive()) {
            response.put("result", Map.of("instanceId", started.instanceId(), "type", type.stringValue()));
        }
        return response;
    }

    private static JsonNode object(JsonNode body) {
        if (!body.isObject()) {
            throw InvalidRequestException.of(List.of("body"), "Input should be a JSON object", "model_type");
        }
        return body;
    }

    private static boolean isUuid(JsonNode value) {
        if (!value.isString()) {
            return false;
        }
        try {
            UUID.fromString(value.stringValue());
            return value.stringValue().length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
