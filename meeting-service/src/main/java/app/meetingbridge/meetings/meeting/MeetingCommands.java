package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.CommandReply.Outcome;
import app.meetingbridge.events.meeting.DeactivateMeeting;
import app.meetingbridge.events.meeting.IssueJoinToken;
import app.meetingbridge.events.meeting.StartRecording;
import app.meetingbridge.meetings.provider.JoinToken;
import app.meetingbridge.meetings.provider.PlatformUnavailableException;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.Providers;
import app.meetingbridge.meetings.provider.RecordingStart;
import app.meetingbridge.meetings.provider.VideoProvider;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the gateway asks of an existing meeting's provider: join tokens, recording starts, deactivation. Each
 * goes to the provider of the meeting's own stored platform.
 */
@Service
public class MeetingCommands {

    private static final Logger log = LoggerFactory.getLogger(MeetingCommands.class);

    private final MeetingRepository meetings;
    private final Providers providers;
    private final Clock clock;

    MeetingCommands(MeetingRepository meetings, Providers providers, Clock clock) {
        this.meetings = meetings;
        this.providers = providers;
        this.clock = clock;
    }

    public CommandReply joinToken(IssueJoinToken request) {
        return onMeeting(request.meetingId(), meeting -> CommandReply.ok(provider(meeting)
                .joinToken(new JoinToken(meeting.providerRoomName(), request.userId(), request.owner(),
                        request.recordingUi(), meeting.endDate()))
                .orElse(null)));
    }

    public CommandReply startRecording(StartRecording request) {
        return onMeeting(request.meetingId(), meeting -> {
            String instanceId = meeting.recordingInstanceId(request.kind());
            RecordingStart.Kind kind = request.kind() == StartRecording.Kind.CLOUD
                    ? RecordingStart.Kind.CLOUD : RecordingStart.Kind.RAW_TRACKS;
            Optional<RecordingStart> started = provider(meeting).startRecording(meeting.providerRoomName(), kind,
                    instanceId);
            if (started.isEmpty()) {
                return CommandReply.of(Outcome.UNSUPPORTED, "Recordings of " + meeting.settings().platform().wireName()
                        + " meetings start by the room's recording trigger, not through the API");
            }
            return new CommandReply(started.get().status() == RecordingStart.Status.ALREADY_ACTIVE
                    ? Outcome.ALREADY_ACTIVE : Outcome.OK, instanceId, null, null);
        });
    }

    /**
     * Marks the meeting inactive, then deletes its provider room. The meeting stays inactive even when the
     * provider cannot be reached; the room is then left to expire at the meeting's end date.
     */
    public CommandReply deactivate(DeactivateMeeting request) {
        return onMeeting(request.meetingId(), meeting -> {
            if (meetings.deactivate(meeting.id())) {
                log.info("deactivated meeting {}", meeting.id());
            }
            if (meeting.providerRoomDeletedAt() == null) {
                try {
                    provider(meeting).deleteRoom(meeting.providerMeetingId(), meeting.providerRoomName());
                    meetings.markProviderRoomDeleted(meeting.id(), clock.instant());
                } catch (ProviderUnavailableException | ProviderRejectedException e) {
                    log.warn("meeting {} is inactive but its provider room {} was not deleted: {}", meeting.id(),
                            meeting.providerRoomName(), e.getMessage());
                }
            }
            return CommandReply.ok(meeting.id());
        });
    }

    private VideoProvider provider(Meeting meeting) {
        return providers.forPlatform(meeting.settings().platform());
    }

    private CommandReply onMeeting(String meetingId, Function<Meeting, CommandReply> action) {
        Optional<Meeting> meeting = meetings.findById(meetingId);
        if (meeting.isEmpty()) {
            return CommandReply.of(Outcome.MEETING_NOT_FOUND, "Meeting not found");
        }
        try {
            return action.apply(meeting.get());
        } catch (PlatformUnavailableException e) {
            return CommandReply.of(Outcome.PLATFORM_UNAVAILABLE, e.getMessage());
        } catch (ProviderRejectedException e) {
            return new CommandReply(Outcome.PROVIDER_REFUSED, null, e.getMessage(), e.status());
        } catch (ProviderUnavailableException e) {
            return CommandReply.of(Outcome.PROVIDER_UNAVAILABLE, e.getMessage());
        }
    }
}
