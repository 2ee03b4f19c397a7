package app.meetingbridge.gateway.room;

import app.meetingbridge.gateway.web.Page;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.outbound.OutboundGuard;
import app.meetingbridge.outbound.RefusedDestinationException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Room CRUD with Reflector's rules (its room endpoints' validation and defaults), minus its bugs: see each method. */
@Service
public class RoomService {

    private static final Logger log = LoggerFactory.getLogger(RoomService.class);
    private static final String NAME_TAKEN = "Room name is not unique";
    static final String WEBHOOK_URL_NOT_ALLOWED = "Webhook URL is not allowed: it must be http or https, without user "
            + "info, to a host on the public internet";
    static final String WEBHOOK_HOST_DOES_NOT_RESOLVE = "Webhook URL host does not resolve";
    static final String ICS_URL_NOT_ALLOWED = "ICS URL is not allowed: it must be http or https, without user "
            + "info, to a host on the public internet";
    static final String ICS_HOST_DOES_NOT_RESOLVE = "ICS URL host does not resolve";

    private final RoomRepository rooms;
    private final PlatformProperties platforms;
    private final OutboundGuard outbound;
    private final Clock clock;

    RoomService(RoomRepository rooms, PlatformProperties platforms, OutboundGuard outbound, Clock clock) {
        this.rooms = rooms;
        this.platforms = platforms;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** Creates a room owned by the caller. A taken name is 400 (the unique constraint decides, not a read). */
    Room create(Caller caller, JsonNode body) {
        requireSignedIn(caller);
        RoomSettings settings = RoomFields.forNewRoom(body, platforms.defaultPlatform(), this::outboundUrlRefusal);
        requireConfigured(settings.platform());
        Room room = new Room(UUID.randomUUID().toString(), caller.userId(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                settings, null, null);
        try {
            rooms.insert(room);
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest(NAME_TAKEN);
        }
        return room;
    }

    Room update(Caller caller, String roomId, JsonNode body) {
        Room room = owned(caller, roomId);
        Room updated = new Room(room.id(), room.ownerId(), room.createdAt(),
                RoomFields.forUpdate(room.settings(), body, this::outboundUrlRefusal), room.icsLastSync(),
                room.icsLastEtag());
        if (updated.settings().platform() != room.settings().platform()) {
            requireConfigured(updated.settings().platform());
        }
        try {
            rooms.update(updated);
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest(NAME_TAKEN);
        }
        return updated;
    }

    void delete(Caller caller, String roomId) {
        rooms.delete(owned(caller, roomId).id());
    }

    /** A room its signed-in owner acts on: 401 anonymous, 404 unknown, 403 "Not authorized" for anyone else. */
    Room owned(Caller caller, String roomId) {
        requireSignedIn(caller);
        Room room = rooms.findById(roomId).orElseThrow(RoomService::roomNotFound);
        if (!room.ownedBy(caller)) {
            throw ApiException.forbidden("Not authorized");
        }
        return room;
    }

    /** A room by id, for its owner or, if shared, for anyone. */
    Room get(Caller caller, String roomId) {
        Room room = rooms.findById(roomId).orElseThrow(RoomService::roomNotFound);
        if (!room.visibleTo(caller)) {
            throw ApiException.forbidden("Room access denied");
        }
        return room;
    }

    /** A room by id, whoever asks (for the meeting endpoints, which apply their own rules). */
    public Optional<Room> findById(String id) {
        return rooms.findById(id);
    }

    /** A room by name, for anyone who knows the name (the room page). */
    public Optional<Room> findByName(String name) {
        return rooms.findByName(name);
    }

    Page<Room> list(Caller caller, int page, int size) {
        String ownerId = caller.userId() == null ? "" : caller.userId();
        int total = rooms.count(ownerId, caller.ownsEverything());
        List<Room> items = rooms.page(ownerId, caller.ownsEverything(), Page.offset(page, size), size);
        return Page.of(items, total, page, size);
    }

    /**
     * Why a URL our servers will call (a webhook, a calendar feed) may not be saved: the outbound guard refuses it
     * (its form, or an address its host resolves to is internal and not allow-listed), or its host does not
     * resolve. The answer says which rule, never what the host resolved to.
     */
    private @Nullable String outboundUrlRefusal(RoomFields.OutboundUrl which, String url) {
        try {
            outbound.check(url);
            return null;
        } catch (RefusedDestinationException e) {
            log.info("refused a room {} URL: {}", which, e.reason());
            return which == RoomFields.OutboundUrl.ICS ? ICS_URL_NOT_ALLOWED : WEBHOOK_URL_NOT_ALLOWED;
        } catch (UnknownHostException e) {
            return which == RoomFields.OutboundUrl.ICS ? ICS_HOST_DOES_NOT_RESOLVE : WEBHOOK_HOST_DOES_NOT_RESOLVE;
        }
    }

    private void requireConfigured(Platform platform) {
        if (!platforms.configured(platform)) {
            throw ApiException.badRequest("Video platform '" + platform.wireName()
                    + "' is not configured in this deployment");
        }
    }

    static ApiException roomNotFound() {
        return ApiException.notFound("Room not found");
    }

    private static void requireSignedIn(Caller caller) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
    }
}
