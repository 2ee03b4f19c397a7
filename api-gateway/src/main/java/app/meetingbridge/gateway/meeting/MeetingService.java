package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.DeactivateMeeting;
import app.meetingbridge.events.meeting.IssueJoinToken;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;
import app.meetingbridge.events.meeting.StartRecording;
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
 * every page load) and asks meeting-service otherwise, which decides under the room's lock. Everything that
 * needs the meeting's provider (tokens, recordings, deletion) is a command to meeting-service.
 */
@Service
class MeetingService {

    private final RoomService rooms;
    private final MeetingRepository meetings;
    private final MeetingServiceClient meetingService;
    private final PlatformChoice platformChoice;
    private final DuplicateMeetingLimits duplicates;
    private final Clock clock;

    MeetingService(RoomService rooms, MeetingRepository meetings, MeetingServiceClient meetingService,
                   PlatformProperties platforms, DuplicateMeetingLimits duplicates, Clock clock) {
        this.rooms = rooms;
        this.meetings = meetings;
        this.meetingService = meetingService;
        this.platformChoice = platforms.platformChoice();
        this.duplicates = duplicates;
        this.clock = clock;
    }

    MeetingResponse createOrGet(Caller caller, String roomName, boolean allowDuplicated) {
        Room room = roomNamed(roomName);
        if (allowDuplicated) {
            duplicates.admit(caller, room);
        } else {
            MeetingSettings wanted = room.settings().meetingSettings(room.id()).forNewMeeting(platformChoice);
            Optional<Meeting> reusable = meetings.findReusable(room.id(), wanted, clock.instant());
            if (reusable.isPresent()) {
                meetings.touch(reusable.get().id(), clock.instant());
                return MeetingResponse.of(reusable.get(), room.ownedBy(caller));
            }
        }
        MeetingCreateReply reply = meetingService.createOrGet(new CreateMeeting(UUID.randomUUID().toString(),
                roomName, allowDuplicated, caller.userId(), clock.instant()));
        return switch (reply.outcome()) {
            case CREATED, REUSED -> meetings.findInRoom(room.id(), reply.meetingId())
                    .map(meeting -> MeetingResponse.of(meeting, room.ownedBy(caller)))
                    .orElseThrow(MeetingService::meetingNotFound);
            case ROOM_NOT_FOUND -> throw roomNotFound();
            case PLATFORM_UNAVAILABLE -> throw ApiException.badRequest(reply.message());
            case PROVIDER_UNAVAILABLE -> throw ApiException.withDetailsLogged(HttpStatus.SERVICE_UNAVAILABLE,
                    "Video provider unavailable, please try again", Duration.ofSeconds(10), reply.message());
            case PROVIDER_REFUSED -> throw ApiException.withDetailsLogged(HttpStatus.BAD_GATEWAY,
                    "Video provider refused to create the meeting", null, reply.message());
            case UNAVAILABLE -> throw ApiException.withDetailsLogged(HttpStatus.SERVICE_UNAVAILABLE,
                    "Meetings are unavailable for a moment, please try again", Duration.ofSeconds(5), reply.message());
            case FAILED -> throw ApiException.withDetailsLogged(HttpStatus.BAD_GATEWAY,
                    "Meeting could not be created", null, reply.message());
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
                .orElseThrow(MeetingService::meetingNotFound);
    }

    /**
     * Joins an active meeting. On Daily a signed-in caller gets a token (owner rights for the room's owner,
     * Daily's own recording UI only where ours is not shown) appended to the room URL; anonymous callers join
     * without one, as in Reflector.
     */
    MeetingResponse join(Caller caller, String roomName, String meetingId) {
        Room room = roomNamed(roomName);
        Meeting meeting = meetings.findInRoom(room.id(), meetingId).orElseThrow(MeetingService::meetingNotFound);
        requireJoinable(meeting);
        meetings.touch(meeting.id(), clock.instant());
        if (meeting.settings().platform() == Platform.DAILY && !caller.isAnonymous()) {
            String recordingType = meeting.settings().recordingType();
            boolean recordingUi = "local".equals(recordingType)
                    || ("cloud".equals(recordingType) && room.settings().skipConsent());
            CommandReply token = meetingService.command(Topology.MEETING_JOIN_TOKEN, new IssueJoinToken(
                    UUID.randomUUID().toString(), meeting.id(), caller.userId(), room.ownedBy(caller), recordingUi));
            if (token.value() != null) {
                String separator = meeting.roomUrl().contains("?") ? "&" : "?";
                meeting = meeting.withRoomUrl(meeting.roomUrl() + separator + "t=" + token.value());
            }
        }
        return MeetingResponse.of(meeting, room.ownedBy(caller));
    }

    /**
     * Starts the meeting's cloud or raw-tracks recording. Allowed to whoever may join the meeting: it must be
     * active, not ended, and set to record in the cloud.
     */
    RecordingStarted startRecording(Caller caller, String meetingId, StartRecording.Kind kind) {
        Meeting meeting = meetings.findById(meetingId).orElseThrow(MeetingService::meetingNotFound);
        requireJoinable(meeting);
        if (!"cloud".equals(meeting.settings().recordingType())) {
            throw ApiException.badRequest("Meeting is not set to record in the cloud (recording_type="
                    + meeting.settings().recordingType() + ")");
        }
        try {
            CommandReply reply = meetingService.command(Topology.MEETING_START_RECORDING,
                    new StartRecording(UUID.randomUUID().toString(), meeting.id(), kind));
            return new RecordingStarted(reply.outcome() == CommandReply.Outcome.ALREADY_ACTIVE, reply.value());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.BAD_GATEWAY) {
                // the message is already the short reason and error id (MeetingServiceClient.command)
                throw new ApiException(HttpStatus.BAD_GATEWAY, "Failed to start recording: " + e.getMessage(), null);
            }
            throw e;
        }
    }

    /** Ends the meeting for everyone and deletes its provider room; the room's owner only; idempotent. */
    void deactivate(Caller caller, String meetingId) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
        Meeting meeting = meetings.findById(meetingId).orElseThrow(MeetingService::meetingNotFound);
        Room room = meeting.roomId() == null ? null : rooms.findById(meeting.roomId()).orElse(null);
        if (room == null) {
            throw roomNotFound();
        }
        if (!room.ownedBy(caller)) {
            throw ApiException.forbidden("Only the room owner can deactivate meetings");
        }
        meetingService.command(Topology.MEETING_DEACTIVATE, new DeactivateMeeting(UUID.randomUUID().toString(),
                meeting.id()));
    }

    private void requireJoinable(Meeting meeting) {
        if (!meeting.active()) {
            throw ApiException.badRequest("Meeting is not active");
        }
        if (meeting.hasEnded(clock.instant())) {
            throw ApiException.badRequest("Meeting has ended");
        }
    }

    private Room roomNamed(String roomName) {
        return rooms.findByName(roomName).orElseThrow(MeetingService::roomNotFound);
    }

    private static ApiException roomNotFound() {
        return ApiException.notFound("Room not found");
    }

    private static ApiException meetingNotFound() {
        return ApiException.notFound("Meeting not found");
    }

    record RecordingStarted(boolean alreadyActive, String instanceId) {
    }
}
