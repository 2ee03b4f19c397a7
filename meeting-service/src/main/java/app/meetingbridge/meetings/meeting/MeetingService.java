package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingCreateReply.Outcome;
import app.meetingbridge.events.meeting.MeetingCreated;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.PlatformChoice;
import app.meetingbridge.meetings.outbox.Outbox;
import app.meetingbridge.meetings.provider.NewProviderRoom;
import app.meetingbridge.meetings.provider.PlatformUnavailableException;
import app.meetingbridge.meetings.provider.ProviderProperties;
import app.meetingbridge.meetings.provider.ProviderRoom;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.Providers;
import app.meetingbridge.meetings.provider.VideoProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Create-or-get (DESIGN.md §5): under the room's row lock, reuse the active meeting whose settings match, or
 * create one on the chosen provider and record it with its {@code meeting.created} in the same transaction.
 * Any number of concurrent requests for one room therefore create at most one provider room.
 */
@Service
public class MeetingService {

    private static final Logger log = LoggerFactory.getLogger(MeetingService.class);

    private final RoomRepository rooms;
    private final MeetingRepository meetings;
    private final Providers providers;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final PlatformChoice platformChoice;
    private final MeetingProperties properties;
    private final Clock clock;

    MeetingService(RoomRepository rooms, MeetingRepository meetings, Providers providers, Outbox outbox,
                   TransactionTemplate transactions, ProviderProperties providerProperties,
                   MeetingProperties properties, Clock clock) {
        this.rooms = rooms;
        this.meetings = meetings;
        this.providers = providers;
        this.outbox = outbox;
        this.transactions = transactions;
        this.platformChoice = providerProperties.platformChoice();
        this.properties = properties;
        this.clock = clock;
    }

    public MeetingCreateReply createOrGet(CreateMeeting request) {
        try {
            return transactions.execute(status -> createOrGetLocked(request));
        } catch (PlatformUnavailableException e) {
            return MeetingCreateReply.refused(Outcome.PLATFORM_UNAVAILABLE, e.getMessage());
        } catch (ProviderUnavailableException e) {
            log.warn("provider did not create a room for '{}': {}", request.roomName(), e.getMessage());
            return MeetingCreateReply.refused(Outcome.PROVIDER_UNAVAILABLE, e.getMessage());
        }
    }

    private MeetingCreateReply createOrGetLocked(CreateMeeting request) {
        Optional<Room> found = rooms.lockByName(request.roomName());
        if (found.isEmpty()) {
            return MeetingCreateReply.refused(Outcome.ROOM_NOT_FOUND, "Room not found");
        }
        Room room = found.get();
        MeetingSettings settings = room.settingsForNewMeeting(platformChoice);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!request.allowDuplicated()) {
            Optional<Meeting> reusable = meetings.findReusable(room.id(), settings, now)
                    .filter(meeting -> meeting.reusableFor(settings, now));
            if (reusable.isPresent()) {
                return MeetingCreateReply.reused(reusable.get().id());
            }
        }
        VideoProvider provider = providers.forPlatform(settings.platform());
        Instant endDate = now.plus(properties.lifetime());
        ProviderRoom providerRoom = provider.createRoom(new NewProviderRoom(
                Meeting.providerRoomName(room.name(), now), room.name(), endDate, settings));
        Meeting meeting = Meeting.opened(room.id(), settings, providerRoom, now, properties.lifetime());
        meetings.insert(meeting);
        String eventId = UUID.randomUUID().toString();
        outbox.add(eventId, Topology.MEETINGS_EXCHANGE, Topology.MEETING_CREATED, new MeetingCreated(eventId, now,
                meeting.id(), room.id(), settings.platform(), meeting.providerRoomName(), meeting.endDate()));
        log.info("created meeting {} of room '{}' on {} as {}", meeting.id(), room.name(),
                settings.platform().wireName(), meeting.providerRoomName());
        return MeetingCreateReply.created(meeting.id());
    }
}
