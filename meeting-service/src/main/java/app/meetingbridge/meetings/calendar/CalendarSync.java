package app.meetingbridge.meetings.calendar;

import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.meetings.calendar.CalendarEventRepository.Change;
import app.meetingbridge.outbound.GuardedHttpClient;
import app.meetingbridge.outbound.GuardedHttpClient.Fetched;
import app.meetingbridge.outbound.OutboundGuard;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings rooms' calendar events up to date with their ICS feeds. Each enabled room is synced
 * at its {@code ics_fetch_interval} by a job that runs on one instance at a time, or at once when its owner asks.
 * The feed is fetched through the outbound guard (a refused address, a timeout, an error status or a feed over
 * the size limit is a failed sync with a short reason), conditionally ({@code If-None-Match},
 * {@code If-Modified-Since}) so that an unchanged feed costs a 304, except once it was last read whole longer
 * ago than {@code fullRefresh}. A feed that was read is stored whole, every time: the events that name the room
 * are upserted by occurrence, and those still to start that left the feed are marked deleted.
 */
@Service
public class CalendarSync {

    private static final Logger log = LoggerFactory.getLogger(CalendarSync.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JOB_LOCK = "calendar-sync";

    private final CalendarRoomRepository rooms;
    private final CalendarEventRepository events;
    private final CalendarProperties properties;
    private final GuardedHttpClient http;
    private final Clock clock;
    private final TransactionTemplate job;
    private final TransactionTemplate eachRoom;

    CalendarSync(CalendarRoomRepository rooms, CalendarEventRepository events, CalendarProperties properties,
                 OutboundGuard guard, Clock clock, TransactionTemplate transactions) {
        this.rooms = rooms;
        this.events = events;
        this.properties = properties;
        this.http = new GuardedHttpClient(guard, properties.fetchTimeout());
        this.clock = clock;
        this.job = new TransactionTemplate(transactions.getTransactionManager());
        this.eachRoom = new TransactionTemplate(transactions.getTransactionManager());
        this.eachRoom.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Syncs every room that is due; a room whose sync fails is left for its next turn and the others go on. */
    @Scheduled(fixedDelayString = "${app.calendar.check-interval:60s}")
    public void syncDueRooms() {
        job.executeWithoutResult(status -> {
            if (!rooms.tryJobLock(JOB_LOCK)) {
                return;
            }
            for (CalendarRoom room : rooms.due(clock.instant())) {
                try {
                    CalendarSyncReply reply = sync(room.id(), true);
                    log.debug("calendar of room '{}' synced: {}", room.name(), reply);
                } catch (RuntimeException e) {
                    log.error("calendar of room '{}' not synced", room.name(), e);
                }
            }
        });
    }

    /** Syncs the room now, whatever its interval: what its owner asked for. */
    public CalendarSyncReply syncNow(String roomId) {
        try {
            return sync(roomId, false);
        } catch (RuntimeException e) {
            log.error("calendar of room {} not synced", roomId, e);
            return CalendarSyncReply.failed("Sync failed: " + e.getClass().getSimpleName());
        }
    }

    private CalendarSyncReply sync(String roomId, boolean onlyIfDue) {
        CalendarSyncReply reply = eachRoom.execute(status -> {
            if (!rooms.tryLock(roomId)) {
                return CalendarSyncReply.skipped("Sync already in progress");
            }
            Optional<CalendarRoom> found = onlyIfDue ? rooms.findDue(roomId, clock.instant()) : rooms.find(roomId);
            if (found.isEmpty()) {
                return CalendarSyncReply.skipped(onlyIfDue ? "Not time to sync yet" : "Room not found");
            }
            CalendarRoom room = found.get();
            if (!room.enabled() || room.icsUrl() == null) {
                return CalendarSyncReply.skipped("ICS not configured for this room");
            }
            return fetchAndStore(room);
        });
        return reply == null ? CalendarSyncReply.failed("Sync failed") : reply;
    }

    private CalendarSyncReply fetchAndStore(CalendarRoom room) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, String> headers = new HashMap<>();
        headers.put("User-Agent", "meetingbridge-calendar/1.0");
        headers.put("Accept", "text/calendar, */*;q=0.5");
        boolean trusted = room.lastParsed() != null && room.lastParsed().isAfter(now.minus(properties.fullRefresh()));
        if (trusted && room.etag() != null) {
            headers.put("If-None-Match", room.etag());
        }
        if (trusted && room.lastModified() != null) {
            headers.put("If-Modified-Since", room.lastModified());
        }
        Fetched fetched;
        try {
            fetched = http.get(room.icsUrl(), headers, (int) Math.min(Integer.MAX_VALUE - 1,
                    properties.maxFeedSize().toBytes()));
        } catch (IOException e) {
            return failed(room, now, "Feed not fetched: " + GuardedHttpClient.describe(e));
        }
        if (fetched.status() == 304 && trusted) {
            rooms.synced(room.id(), now, room.etag(), room.lastModified(), null);
            return new CalendarSyncReply("unchanged", room.etag(), 0, 0, 0, 0, 0, null, null);
        }
        if (fetched.status() < 200 || fetched.status() > 299) {
            return failed(room, now, "Feed answered HTTP " + fetched.status());
        }
        if (fetched.tooLarge()) {
            return failed(room, now, "Feed is larger than " + properties.maxFeedSize().toMegabytes() + " MB");
        }
        IcsFeed.Read read;
        try {
            read = IcsFeed.read(fetched.body(), IcsFeed.roomAddress(properties.uiBaseUrl(), room.name()),
                    now.minus(properties.lookBack()), now.plus(properties.lookAhead()));
        } catch (IcsFeed.UnreadableFeedException e) {
            return failed(room, now, "Feed is not a readable iCalendar file");
        }
        Map<Change, Integer> changes = new EnumMap<>(Change.class);
        List<String> keys = new ArrayList<>();
        for (FeedEvent event : read.forRoom()) {
            keys.add(event.key());
            changes.merge(events.upsert(room.id(), event, JSON.writeValueAsString(event.attendees()), now), 1,
                    Integer::sum);
        }
        int deleted = events.deleteFutureExcept(room.id(), keys, now);
        String etag = fetched.header("ETag");
        rooms.synced(room.id(), now, etag, fetched.header("Last-Modified"), now);
        log.info("calendar of room '{}' synced: {} events for the room of {} in the window, {} new, {} changed, "
                        + "{} deleted", room.name(), read.forRoom().size(), read.inWindow(),
                changes.getOrDefault(Change.CREATED, 0), changes.getOrDefault(Change.UPDATED, 0), deleted);
        return new CalendarSyncReply("success", etag, read.forRoom().size(), read.inWindow(),
                changes.getOrDefault(Change.CREATED, 0), changes.getOrDefault(Change.UPDATED, 0), deleted, null, null);
    }

    private CalendarSyncReply failed(CalendarRoom room, Instant now, String reason) {
        log.warn("calendar of room '{}' not synced: {}", room.name(), reason);
        rooms.failed(room.id(), now, reason);
        return CalendarSyncReply.failed(reason);
    }
}
