package app.meetingbridge.gateway.room;

import app.meetingbridge.gateway.web.Page;

import app.meetingbridge.gateway.auth.Caller;
import java.util.Map;
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

    @GetMapping
    Page<RoomResponse> list(Caller caller, @RequestParam(defaultValue = "1") int page,
                                @RequestParam(defaultValue = "50") int size) {
        Page.validate(page, size, MAX_PAGE_SIZE);
        return rooms.list(caller, page, size).map(room -> RoomResponse.of(room, room.ownedBy(caller)));
    }

    @PostMapping
    RoomResponse create(Caller caller, @RequestBody JsonNode body) {
        return RoomResponse.of(rooms.create(caller, body), true);
    }

    @GetMapping("/{roomId}")
    RoomResponse get(Caller caller, @PathVariable String roomId) {
        Room room = rooms.get(caller, roomId);
        return RoomResponse.of(room, room.ownedBy(caller));
    }

    @GetMapping("/name/{roomName}")
    RoomResponse getByName(Caller caller, @PathVariable String roomName) {
        Room room = rooms.findByName(roomName).orElseThrow(RoomService::roomNotFound);
        return RoomResponse.of(room, room.ownedBy(caller));
    }

    @PatchMapping("/{roomId}")
    RoomResponse update(Caller caller, @PathVariable String roomId, @RequestBody JsonNode body) {
        return RoomResponse.of(rooms.update(caller, roomId, body), true);
    }

    @DeleteMapping("/{roomId}")
    Map<String, String> delete(Caller caller, @PathVariable String roomId) {
        rooms.delete(caller, roomId);
        return Map.of("status", "ok");
    }

    /** The room's owner sends the {@code test} event to the room's webhook and sees how it went. */
    @PostMapping("/{roomId}/webhook/test")
    Map<String, Object> testWebhook(Caller caller, @PathVariable String roomId) {
        return webhookTest.send(caller, rooms.owned(caller, roomId));
    }
}
