package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingCreateReply.Outcome;
import app.meetingbridge.events.meeting.MeetingCreated;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.PlatformChoice;
import app.meetingbridge.messaging.Outbox;
import app.meetingbridge.meetings.provider.NewProviderRoom;
import app.meetingbridge.meetings.provider.PlatformUnavailableException;
import app.meetingbridge.meetings.provider.ProviderProperties;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderRoom;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.Providers;
import app.meetingbridge.meetings.provider.VideoProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Create-or-get: a request for a room's meeting gets the meeting it may reuse, or a new one. Under the room's row lock
 * it reuses the active meeting whose settings match, or takes the room's creation claim. The provider is then called outside any
 * transaction (a slow provider holds no database connection), and the meeting is stored with its
 * {@code meeting.created} in one transaction. Concurrent requests for the same room find the claim taken and wait for
 * that meeting, so any number of them create exactly one provider room. A request delivered again is answered with
 * the meeting it made (by its {@code requestId}), so a redelivery never opens a second provider room.
 */
@Service
public class MeetingService {

    private static final Logger log = LoggerFactory.getLogger(MeetingService.class);
    /** {@code meeting.create_request_id varchar(64)}. */
    private static final int MAX_REQUEST_ID = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RoomRepository rooms;
    private final MeetingRepository meetings;
    private final CreationClaimRepository claims;
    private final Providers providers;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    /** Its own transaction even inside a job's: one event's meeting is stored, or not, alone. */
    private final TransactionTemplate eachEvent;
    private final PlatformChoice platformChoice;
    private final MeetingProperties properties;
    private final Clock clock;

    MeetingService(RoomRepository rooms, MeetingRepository meetings, CreationClaimRepository claims,
                   Providers providers, Outbox outbox, TransactionTemplate transactions,
                   ProviderProperties providerProperties, MeetingProperties properties, Clock clock) {
        this.rooms = rooms;
        this.meetings = meetings;
        this.claims = claims;
        this.providers = providers;
        this.outbox = outbox;
        this.transactions = transactions;
        this.eachEvent = new TransactionTemplate(transactions.getTransactionManager());
        this.eachEvent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.platformChoice = providerProperties.platformChoice();
        this.properties = properties;
        this.clock = clock;
    }

    public MeetingCreateReply createOrGet(CreateMeeting request) {
        if (request.requestId() == null || request.requestId().isBlank()
                || request.requestId().length() > MAX_REQUEST_ID) {
            return MeetingCreateReply.refused(Outcome.FAILED,
                    "meeting.create needs a requestId of 1 to " + MAX_REQUEST_ID + " characters");
        }
        Instant giveUpAt = clock.instant().plus(properties.claimWait());
        try {
            while (true) {
                Decision decision = transactions.execute(status -> decide(request));
                if (decision.reply() != null) {
                    return decision.reply();
                }
                if (decision.room() != null) {
                    return create(decision.room(), decision.settings(), decision.claimId(), request.requestId());
                }
                if (clock.instant().isAfter(giveUpAt)) {
                    return MeetingCreateReply.refused(Outcome.PROVIDER_UNAVAILABLE,
                            "Another request is still creating this room's meeting; try again shortly");
                }
                pause();
            }
        } catch (PlatformUnavailableException e) {
            return MeetingCreateReply.refused(Outcome.PLATFORM_UNAVAILABLE, e.getMessage());
        } catch (ProviderUnavailableException e) {
            log.warn("provider did not create a room for '{}': {}", request.roomName(), e.getMessage());
            return MeetingCreateReply.refused(Outcome.PROVIDER_UNAVAILABLE, e.getMessage());
        } catch (ProviderRejectedException e) {
            log.error("provider refused to create a room for '{}': {}", request.roomName(), e.getMessage());
            return MeetingCreateReply.refused(Outcome.PROVIDER_REFUSED, e.getMessage());
        }
    }

    /** Under the room's row lock: answer now, or claim the creation, or wait for another request's creation. */
    private Decision decide(CreateMeeting request) {
        Optional<String> made = meetings.createdBy(request.requestId());
        if (made.isPresent()) { // the same request again: its consumer stopped before acknowledging it
            return Decision.answer(MeetingCreateReply.created(made.get()));
        }
        Optional<Room> found = rooms.lockByName(request.roomName());
        if (found.isEmpty()) {
            return Decision.answer(MeetingCreateReply.refused(Outcome.ROOM_NOT_FOUND, "Room not found"));
        }
        Room room = found.get();
        MeetingSettings settings = room.meetingSettings().forNewMeeting(platformChoice);
        providers.forPlatform(settings.platform());
        if (request.allowDuplicated()) {
            return Decision.create(room, settings, null);
        }
        Instant now = now();
        Optional<Meeting> reusable = meetings.findReusable(room.id(), settings, now)
                .filter(meeting -> meeting.reusableFor(settings, now));
        if (reusable.isPresent()) {
            return Decision.answer(MeetingCreateReply.reused(reusable.get().id()));
        }
        String claimId = UUID.randomUUID().toString();
        if (claims.tryClaim(room.id(), claimId, now, now.minus(properties.claimStaleAfter()))) {
            return Decision.create(room, settings, claimId);
        }
        return Decision.waitForOther();
    }

    private MeetingCreateReply create(Room room, MeetingSettings settings, @Nullable String claimId,
                                      String requestId) {
        VideoProvider provider = providers.forPlatform(settings.platform());
        Instant now = now();
        ProviderRoom providerRoom;
        try {
            providerRoom = provider.createRoom(new NewProviderRoom(Meeting.providerRoomName(room.name(), now),
                    room.name(), now.plus(properties.lifetime()), settings));
        } catch (RuntimeException e) {
            release(room, claimId);
            throw e;
        }
        Meeting meeting = Meeting.opened(room.id(), settings, providerRoom, now, properties.lifetime());
        try {
            transactions.executeWithoutResult(status -> {
                meetings.insert(meeting, requestId);
                String eventId = UUID.randomUUID().toString();
                outbox.add(eventId, Topology.MEETINGS_EXCHANGE, Topology.MEETING_CREATED, new MeetingCreated(eventId,
                        now, meeting.id(), room.id(), settings.platform(), meeting.providerRoomName(), meeting.endDate()));
                if (claimId != null) {
                    claims.release(room.id(), claimId);
                }
            });
        } catch (RuntimeException e) {
            try {
                provider.deleteRoom(meeting.providerMeetingId(), meeting.providerRoomName());
            } catch (RuntimeException notDeleted) {
                log.error("provider room {} of an unstored meeting could not be deleted; the deactivation job does not "
                        + "know it, delete it by hand: {}", meeting.providerRoomName(), notDeleted.getMessage());
            }
            release(room, claimId);
            Optional<String> twin = e instanceof DuplicateKeyException ? meetings.createdBy(requestId) : Optional.empty();
            if (twin.isPresent()) { // the same request, delivered twice at once, made its meeting first
                log.info("meeting.create {} answered by its twin's meeting {}", requestId, twin.get());
                return MeetingCreateReply.created(twin.get());
            }
            log.error("meeting of room '{}' not stored; provider room {} deleted", room.name(), meeting.providerRoomName(), e);
            throw e;
        }
        log.info("created meeting {} of room '{}' on {} as {}", meeting.id(), room.name(),
                settings.platform().wireName(), meeting.providerRoomName());
        return MeetingCreateReply.created(meeting.id());
    }

    /**
     * Opens the meeting of a calendar event (see {@link CalendarMeetings}): a provider room that expires at the
     * event's end, stored with the event and its {@code meeting.created}, as any meeting is. The meeting's request
     * id is the event's, so an event never gets a second meeting: should one be stored meanwhile, this provider
     * room is deleted again.
     */
    void openForCalendarEvent(UpcomingEvent event) {
        Optional<Room> found = rooms.findById(event.roomId());
        if (found.isEmpty()) {
            return;
        }
        Room room = found.get();
        MeetingSettings settings = room.meetingSettings().forNewMeeting(platformChoice);
        VideoProvider provider = providers.forPlatform(settings.platform());
        Instant now = now();
        Instant start = event.start().truncatedTo(ChronoUnit.MICROS);
        Instant end = event.end().isAfter(start) ? event.end() : start.plus(Duration.ofHours(1));
        ProviderRoom providerRoom = provider.createRoom(new NewProviderRoom(Meeting.providerRoomName(room.name(), now),
                room.name(), end, settings));
        Meeting meeting = Meeting.scheduled(room.id(), settings, providerRoom, start, end);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", event.title());
        metadata.put("description", event.description());
        metadata.put("attendees", event.attendeesJson() == null ? List.of() : JSON.readTree(event.attendeesJson()));
        try {
            eachEvent.executeWithoutResult(status -> {
                meetings.insertForEvent(meeting, event, JSON.writeValueAsString(metadata), now);
                String eventId = UUID.randomUUID().toString();
                outbox.add(eventId, Topology.MEETINGS_EXCHANGE, Topology.MEETING_CREATED, new MeetingCreated(eventId,
                        now, meeting.id(), room.id(), settings.platform(), meeting.providerRoomName(), meeting.endDate()));
            });
        } catch (RuntimeException e) {
            try {
                provider.deleteRoom(meeting.providerMeetingId(), meeting.providerRoomName());
            } catch (RuntimeException notDeleted) {
                log.error("provider room {} of an unstored calendar meeting could not be deleted; delete it by hand: {}",
                        meeting.providerRoomName(), notDeleted.getMessage());
            }
            if (e instanceof DuplicateKeyException) {
                log.info("calendar event {} already has its meeting", event.calendarEventId());
                return;
            }
            throw e;
        }
        log.info("opened meeting {} of room '{}' for calendar event {} starting {}", meeting.id(), room.name(),
                event.calendarEventId(), start);
    }

    private void release(Room room, @Nullable String claimId) {
        if (claimId != null) {
            transactions.executeWithoutResult(status -> claims.release(room.id(), claimId));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void pause() {
        try {
            Thread.sleep(properties.claimPoll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a meeting creation", e);
        }
    }

    /** What to do after looking at the room: answer, create (with the claim, if any), or wait. */
    private record Decision(@Nullable MeetingCreateReply reply, @Nullable Room room, @Nullable MeetingSettings settings,
                            @Nullable String claimId) {

        static Decision answer(MeetingCreateReply reply) {
            return new Decision(reply, null, null, null);
        }

        static Decision create(Room room, MeetingSettings settings, @Nullable String claimId) {
            return new Decision(null, room, settings, claimId);
        }

        static Decision waitForOther() {
            return new Decision(null, null, null, null);
        }
    }
}
