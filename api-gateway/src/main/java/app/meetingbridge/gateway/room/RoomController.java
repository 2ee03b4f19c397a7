package app.meetingbridge.gateway.room;

import app.meetingbridge.gateway.web.Page;

import app.meetingbridge.gateway.auth.Caller;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/v1/rooms")
class RoomController {

    private static final int MAX_PAGE_SIZE = 100;

    private final RoomService rooms;
    private final RoomWebhookTester webhookTest;

    RoomController(RoomService rooms, RoomWebhookTester webhookTest) {
        this.rooms = rooms;
        this.webhookTest = webhookTest;
    }

    @Operation(operationId = "v1_rooms_list")
    @GetMapping
    Page<RoomResponse> list(Caller caller, @RequestParam(defaultValue = "1") int page,
                                @RequestParam(defaultValue = "50") int size) {
        Page.validate(page, size, MAX_PAGE_SIZE);
        return rooms.list(caller, page, size).map(room -> RoomResponse.of(room, room.ownedBy(caller)));
    }

    @Operation(operationId = "v1_rooms_create",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = RoomSchemas.CreateRoom.class))))
    @PostMapping
    RoomResponse create(Caller caller, @RequestBody JsonNode body) {
        return RoomResponse.of(rooms.create(caller, body), true);
    }

    @Operation(operationId = "v1_rooms_get")
    @GetMapping("/{room_id}")
    RoomResponse get(Caller caller, @PathVariable("room_id") String roomId) {
        Room room = rooms.get(caller, roomId);
        return RoomResponse.of(room, room.ownedBy(caller));
    }

    @Operation(operationId = "v1_rooms_get_by_name")
    @GetMapping("/name/{room_name}")
    RoomResponse getByName(Caller caller, @PathVariable("room_name") String roomName) {
        Room room = rooms.findByName(roomName).orElseThrow(RoomService::roomNotFound);
        return RoomResponse.of(room, room.ownedBy(caller));
    }

    @Operation(operationId = "v1_rooms_update",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = RoomSchemas.UpdateRoom.class))))
    @PatchMapping("/{room_id}")
    RoomResponse update(Caller caller, @PathVariable("room_id") String roomId, @RequestBody JsonNode body) {
        return RoomResponse.of(rooms.update(caller, roomId, body), true);
    }

    @Operation(operationId = "v1_rooms_delete",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = RoomSchemas.DeletionStatus.class))))
    @DeleteMapping("/{room_id}")
    Map<String, String> delete(Caller caller, @PathVariable("room_id") String roomId) {
        rooms.delete(caller, roomId);
        return Map.of("status", "ok");
    }

    /** The room's owner sends the {@code test} event to the room's webhook and sees how it went. */
    @Operation(operationId = "v1_rooms_test_webhook",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = RoomSchemas.WebhookTestResult.class))))
    @PostMapping("/{room_id}/webhook/test")
    RoomSchemas.WebhookTestResult testWebhook(Caller caller, @PathVariable("room_id") String roomId) {
        return webhookTest.send(caller, rooms.owned(caller, roomId));
    }
}
