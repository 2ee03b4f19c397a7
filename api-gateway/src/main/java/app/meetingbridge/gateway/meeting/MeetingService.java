package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.PlatformChoice;
import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.room.PlatformProperties;
import app.meetingbridge.gateway.room.Room;
import app.meetingbridge.gateway.room.RoomService;
import app.meetingbridge.gateway.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Meetings of a room. Create-or-get answers from the database when a reusable meeting exists (the common case,
 * every page load) and asks meeting-service otherwise, which decides under the room's lock.
 */
@Service
class MeetingService {

    private final RoomService rooms;
    private final MeetingRepository meetings;
    private final MeetingCreationClient creation;
    private final PlatformChoice platformChoice;
    private final Clock clock;

    MeetingService(RoomService rooms, MeetingRepository meetings, MeetingCreationClient creation,
                   PlatformProperties platforms, Clock clock) {
        this.rooms = rooms;
        this.meetings = meetings;
        this.creation = creation;
        this.platformChoice = platforms.platformChoice();
        this.clock = clock;
    }

    MeetingResponse createOrGet(Caller caller, String roomName, boolean allowDuplicated) {
        Room room = roomNamed(roomName);
        if (!allowDuplicated) {
            MeetingSettings wanted = room.settings().forNewMeeting(room.id(), platformChoice);
            Optional<Meeting> reusable = meetings.findReusable(room.id(), wanted, clock.instant());
            if (reusable.isPresent()) {
                return MeetingResponse.of(reusable.get(), room.ownedBy(caller));
            }
        }
        MeetingCreateReply reply = creation.request(new CreateMeeting(UUID.randomUUID().toString(), roomName,
                allowDuplicated, caller.userId(), clock.instant()));
        return switch (reply.outcome()) {
            case CREATED, REUSED -> meetings.findInRoom(room.id(), reply.meetingId())
                    .map(meeting -> MeetingResponse.of(meeting, room.ownedBy(caller)))
                    .orElseThrow(() -> ApiException.notFound("Meeting not found"));
            case ROOM_NOT_FOUND -> throw ApiException.notFound("Room not found");
            case PLATFORM_UNAVAILABLE -> throw ApiException.badRequest(reply.message());
            case PROVIDER_UNAVAILABLE -> throw ApiException.unavailable(
                    "Video provider unavailable: " + reply.message(), Duration.ofSeconds(10));
            case FAILED -> throw new ApiException(HttpStatus.BAD_GATEWAY, reply.message(), null);
        };
    }

    List<MeetingResponse> active(Caller caller, String roomName) {
        Room room = roomNamed(roomName);
        Instant now = clock.instant();
        return meetings.findActive(room.id(), now).stream()
                .map(meeting -> MeetingResponse.of(meeting, room.ownedBy(caller)))
                .toList();
    }

    MeetingResponse get(Caller caller, String roomName, String meetingId) {
        Room room = roomNamed(roomName);
        return meetings.findInRoom(room.id(), meetingId)
                .map(meeting -> MeetingResponse.of(meeting, room.ownedBy(caller)))
                .orElseThrow(() -> ApiException.notFound("Meeting not found"));
    }

    private Room roomNamed(String roomName) {
        return rooms.findByName(roomName).orElseThrow(() -> ApiException.notFound("Room not found"));
    }
}
