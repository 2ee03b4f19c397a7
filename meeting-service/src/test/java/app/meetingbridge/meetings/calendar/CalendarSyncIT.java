package app.meetingbridge.meetings.calendar;

import static app.meetingbridge.db.Tables.CALENDAR_EVENT;
import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.meetings.meeting.CalendarMeetings;
import app.meetingbridge.meetings.meeting.MeetingLifecycle;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Calendar rooms against feeds served by a local HTTP server, allow-listed for the outbound guard. */
class CalendarSyncIT extends MeetingServiceTestSupport {

    static final FakeHttpServer feeds = new FakeHttpServer();
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Autowired
    CalendarSync sync;

    @Autowired
    CalendarMeetings calendarMeetings;

    @Autowired
    MeetingLifecycle lifecycle;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("app.outbound.allowed-hosts", () -> "127.0.0.1");
        registry.add("app.calendar.fetch-timeout", () -> "2s");
        // the tests run the jobs themselves
        registry.add("app.calendar.check-interval", () -> "1h");
        registry.add("app.calendar.meetings-interval", () -> "1h");
        registry.add("app.lifecycle.deactivation-interval", () -> "1h");
    }

    @AfterAll
    static void stopFeeds() {
        feeds.close();
    }

    @BeforeEach
    void resetFeeds() {
        feeds.reset();
    }

    @Test
    void keepsTheOccurrencesThatNameTheRoomAndAnswers304WhenTheFeedIsUnchanged() {
        String room = calendarRoom("/team.ics");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime firstStandUp = LocalDateTime.ofInstant(now.plus(Duration.ofHours(2)), BERLIN);
        Instant soon = now.plus(Duration.ofHours(3));
        String feed = calendar(
                recurring("standup@test", firstStandUp, "Stand-up", "http://localhost:3000/" + room),
                event("cancelled@test", soon, "Cancelled", "http://localhost:3000/" + room, "CANCELLED"),
                event("other@test", soon, "Other room", "http://localhost:3000/" + room + "-annex", null),
                event("ours@test", soon, "Planning", "See HTTPS://LOCALHOST:3000/" + room.toUpperCase() + "/ please", null));
        serve("/team.ics", feed, "\"v1\"");

        CalendarSyncReply first = sync.syncNow(roomId(room));

        assertThat(first.status()).isEqualTo("success");
        assertThat(first.eventsCreated()).isEqualTo(4);
        assertThat(first.totalEvents()).isEqualTo(5);
        assertThat(events(room)).containsExactlyInAnyOrder(
                "standup@test/" + firstStandUp.atZone(BERLIN).toInstant(),
                "standup@test/" + firstStandUp.plusDays(1).atZone(BERLIN).toInstant(),
                "standup@test/" + firstStandUp.plusDays(2).atZone(BERLIN).toInstant(),
                "ours@test");
        assertThat(db.select(CALENDAR_EVENT.START_TIME).from(CALENDAR_EVENT)
                .where(CALENDAR_EVENT.ICS_UID.eq("standup@test/" + firstStandUp.atZone(BERLIN).toInstant()))
                .fetchSingle().value1()).isEqualTo(firstStandUp.atZone(BERLIN).toInstant());
        assertThat(db.select(ROOM.ICS_LAST_ETAG).from(ROOM).where(ROOM.NAME.eq(room)).fetchSingle().value1())
                .isEqualTo("\"v1\"");

        CalendarSyncReply second = sync.syncNow(roomId(room));

        assertThat(second.status()).isEqualTo("unchanged");
        List<FakeHttpServer.Recorded> fetches = feeds.requests("GET", "/team.ics");
        assertThat(fetches).hasSize(2);
        assertThat(fetches.get(0).header("If-None-Match")).isNull();
        assertThat(fetches.get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void marksDeletedAnEventStillToStartThatLeftTheFeed() {
        String room = calendarRoom("/leaving.ics");
        Instant soon = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.MINUTES);
        String stays = event("stays@test", soon, "Stays", "http://localhost:3000/" + room, null);
        serve("/leaving.ics", calendar(stays, event("leaves@test", soon, "Leaves", "http://localhost:3000/" + room,
                null)), "\"a\"");
        assertThat(sync.syncNow(roomId(room)).eventsCreated()).isEqualTo(2);

        serve("/leaving.ics", calendar(stays), "\"b\"");
        CalendarSyncReply reply = sync.syncNow(roomId(room));

        assertThat(reply.eventsDeleted()).isEqualTo(1);
        assertThat(db.select(CALENDAR_EVENT.ICS_UID, CALENDAR_EVENT.IS_DELETED).from(CALENDAR_EVENT)
                .where(CALENDAR_EVENT.ROOM_ID.eq(roomId(room))).fetchMap(CALENDAR_EVENT.ICS_UID, CALENDAR_EVENT.IS_DELETED))
                .isEqualTo(Map.of("stays@test", false, "leaves@test", true));
    }

    @Test
    void opensOneMeetingPerEventAboutToStartAlsoWhenTheFeedListsItTwice() {
        String room = calendarRoom("/soon.ics");
        Instant inThree = Instant.now().plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS);
        Instant inFive = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String url = "http://localhost:3000/" + room;
        serve("/soon.ics", calendar(
                event("review@test", inThree, "Review", url, null),
                event("sync@google", inFive, "Weekly sync", url, null),
                event("sync@cal.com", inFive, "Weekly sync", url, null),
                event("later@test", inAnHour, "Later", url, null)), "\"s\"");
        sync.syncNow(roomId(room));

        calendarMeetings.openUpcoming();
        calendarMeetings.openUpcoming();

        var meetings = db.select(MEETING.CALENDAR_EVENT_ID, MEETING.START_DATE, MEETING.IS_ACTIVE,
                        MEETING.CALENDAR_METADATA)
                .from(MEETING).where(MEETING.ROOM_ID.eq(roomId(room))).orderBy(MEETING.START_DATE).fetch();
        assertThat(meetings).hasSize(2);
        assertThat(meetings.getValues(MEETING.START_DATE)).containsExactly(inThree, inFive);
        assertThat(meetings.getValues(MEETING.IS_ACTIVE)).containsOnly(true);
        assertThat(meetings.get(0).value1()).isEqualTo(eventId(room, "review@test"));
        assertThat(meetings.get(0).value4().data()).contains("\"title\": \"Review\"");
    }

    @Test
    void aCalendarMeetingNobodyWasInStaysOpenUntilItsEndAndOneThatWasUsedClosesOnceEmpty() {
        String room = calendarRoom("/started.ics");
        Instant started = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
        serve("/started.ics", calendar(event("started@test", started, "Started", "http://localhost:3000/" + room,
                null)), "\"t\"");
        sync.syncNow(roomId(room));
        calendarMeetings.openUpcoming();
        String meetingId = db.select(MEETING.ID).from(MEETING).where(MEETING.ROOM_ID.eq(roomId(room)))
                .fetchSingle(MEETING.ID);
        db.update(MEETING).set(MEETING.LAST_ACTIVITY_AT, Instant.now().minus(Duration.ofHours(1)))
                .where(MEETING.ID.eq(meetingId)).execute();

        lifecycle.deactivateIdleMeetings();

        assertThat(active(meetingId)).isTrue();

        Instant joined = Instant.now().minus(Duration.ofMinutes(59));
        db.insertInto(PARTICIPANT_SESSION).set(PARTICIPANT_SESSION.MEETING_ID, meetingId)
                .set(PARTICIPANT_SESSION.ROOM_ID, roomId(room)).set(PARTICIPANT_SESSION.SESSION_ID, "s1")
                .set(PARTICIPANT_SESSION.JOINED_AT, joined).set(PARTICIPANT_SESSION.LEFT_AT, joined.plusSeconds(60))
                .execute();
        lifecycle.deactivateIdleMeetings();

        assertThat(active(meetingId)).isFalse();
    }

    @Test
    void aFeedThatNeverAnswersFailsItsRoomAndTheJobGoesOnWithTheOthers() {
        String silent = calendarRoom("/silent.ics");
        String fine = calendarRoom("/fine.ics");
        feeds.on("GET", "/silent.ics", Reply.empty(200).after(Duration.ofSeconds(30)));
        serve("/fine.ics", calendar(event("fine@test", Instant.now().plus(Duration.ofHours(2)), "Fine",
                "http://localhost:3000/" + fine, null)), "\"f\"");

        long started = System.nanoTime();
        sync.syncDueRooms();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(db.select(ROOM.ICS_LAST_ERROR).from(ROOM).where(ROOM.NAME.eq(silent)).fetchSingle().value1())
                .isEqualTo("Feed not fetched: timed out");
        assertThat(events(fine)).containsExactly("fine@test");
        assertThat(db.select(ROOM.ICS_LAST_ERROR).from(ROOM).where(ROOM.NAME.eq(fine)).fetchSingle().value1()).isNull();
    }

    @Test
    void anIntervalUpTo60IsInMinutesAndAboveInSeconds() {
        String minutes = calendarRoom("/minutes.ics");
        String seconds = calendarRoom("/seconds.ics");
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));
        db.update(ROOM).set(ROOM.ICS_FETCH_INTERVAL, 10).set(ROOM.ICS_LAST_SYNC, sixMinutesAgo)
                .where(ROOM.NAME.eq(minutes)).execute();
        db.update(ROOM).set(ROOM.ICS_FETCH_INTERVAL, 300).set(ROOM.ICS_LAST_SYNC, sixMinutesAgo)
                .where(ROOM.NAME.eq(seconds)).execute();
        serve("/minutes.ics", calendar(), "\"m\"");
        serve("/seconds.ics", calendar(), "\"s\"");

        sync.syncDueRooms();

        assertThat(feeds.requests("GET", "/minutes.ics")).isEmpty();
        assertThat(feeds.requests("GET", "/seconds.ics")).hasSize(1);
    }

    @Test
    void refusesAFeedLargerThanTheLimitWithoutReadingIt() {
        String room = calendarRoom("/huge.ics");
        String huge = "BEGIN:VCALENDAR\r\n" + "X".repeat(50 * 1024 * 1024);
        feeds.on("GET", "/huge.ics", new Reply(200, Map.of("Content-Type", "text/calendar"), huge, Duration.ZERO));

        CalendarSyncReply reply = sync.syncNow(roomId(room));

        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.error()).isEqualTo("Feed is larger than 5 MB");
    }

    @Test
    void aRefusedAddressIsAFailedSyncWithAShortReason() {
        String room = calendarRoom("/x.ics");
        db.update(ROOM).set(ROOM.ICS_URL, "http://10.0.0.1/x.ics").where(ROOM.NAME.eq(room)).execute();

        CalendarSyncReply reply = sync.syncNow(roomId(room));

        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.error()).isEqualTo("Feed not fetched: not allowed (private address)");
    }

    private boolean active(String meetingId) {
        return db.select(MEETING.IS_ACTIVE).from(MEETING).where(MEETING.ID.eq(meetingId)).fetchSingle(MEETING.IS_ACTIVE);
    }

    private String calendarRoom(String feedPath) {
        String name = aRoom("mock");
        db.update(ROOM).set(ROOM.ICS_URL, feeds.baseUri() + feedPath).set(ROOM.ICS_ENABLED, true)
                .where(ROOM.NAME.eq(name)).execute();
        return name;
    }

    private void serve(String path, String body, String etag) {
        AtomicReference<String> served = new AtomicReference<>(body);
        feeds.on("GET", path, request -> etag.equals(request.header("If-None-Match"))
                ? Reply.empty(304).withHeader("ETag", etag)
                : new Reply(200, Map.of("Content-Type", "text/calendar", "ETag", etag), served.get(), Duration.ZERO));
    }

    private List<String> events(String room) {
        return db.select(CALENDAR_EVENT.ICS_UID).from(CALENDAR_EVENT)
                .where(CALENDAR_EVENT.ROOM_ID.eq(roomId(room))).and(CALENDAR_EVENT.IS_DELETED.isFalse())
                .fetch(CALENDAR_EVENT.ICS_UID);
    }

    private String eventId(String room, String uid) {
        return db.select(CALENDAR_EVENT.ID).from(CALENDAR_EVENT)
                .where(CALENDAR_EVENT.ROOM_ID.eq(roomId(room))).and(CALENDAR_EVENT.ICS_UID.eq(uid))
                .fetchSingle(CALENDAR_EVENT.ID);
    }

    private static String calendar(String... events) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//meetingbridge//test//EN\r\n"
                + "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
                + "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n"
                + "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
                + "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
                + "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                + String.join("", events)
                + "END:VCALENDAR\r\n";
    }

    private static String recurring(String uid, LocalDateTime start, String summary, String location) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:" + summary + "\r\n"
                + "DTSTART;TZID=Europe/Berlin:" + LOCAL.format(start) + "\r\n"
                + "DTEND;TZID=Europe/Berlin:" + LOCAL.format(start.plusMinutes(15)) + "\r\n"
                + "RRULE:FREQ=DAILY;COUNT=3\r\nLOCATION:" + location + "\r\nEND:VEVENT\r\n";
    }

    private static String event(String uid, Instant start, String summary, String description,
                                @org.jspecify.annotations.Nullable String status) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:" + summary + "\r\n"
                + "DTSTART:" + UTC.format(start) + "\r\nDTEND:" + UTC.format(start.plus(Duration.ofMinutes(30))) + "\r\n"
                + "DESCRIPTION:" + description + "\r\n"
                + "ATTENDEE;CN=Ada;PARTSTAT=ACCEPTED:mailto:ada@example.com\r\n"
                + "ORGANIZER;CN=Bob:mailto:bob@example.com\r\n"
                + (status == null ? "" : "STATUS:" + status + "\r\n")
                + "END:VEVENT\r\n";
    }
}
