package app.meetingbridge.gateway.meeting;

import static app.meetingbridge.db.Tables.CALENDAR_EVENT;
import static app.meetingbridge.db.Tables.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.events.meeting.SyncCalendar;
import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.ReceiveAndReplyCallback;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * A room's calendar endpoints in Reflector's shapes, with two signed-in users and an anonymous caller; meeting-service
 * is stood in for by the test, which answers the sync request on its queue.
 */
// calendar feeds under the reserved .test domain, vouched for by name: they need not resolve when the room is saved
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "app.outbound.allowed-hosts=*.test")
class CalendarApiIT extends SignedInTestSupport {

    @Autowired
    DSLContext db;

    @Autowired
    RabbitTemplate rabbit;

    @Test
    void listsTheRoomsEventsWithTheirDetailsForTheOwnerOnly() {
        JsonNode room = alicesRoom(true);
        String roomId = room.get("id").stringValue();
        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        anEvent(roomId, "later@test", start.plus(Duration.ofDays(1)), false);
        anEvent(roomId, "soon@test", start, false);
        anEvent(roomId, "gone@test", start, true);

        JsonNode owners = ok(alice.get("/v1/rooms/" + name(room) + "/meetings"));
        JsonNode others = ok(bob.get("/v1/rooms/" + name(room) + "/meetings"));

        assertThat(owners).hasSize(2);
        JsonNode first = owners.get(0);
        assertThat(first.get("ics_uid").stringValue()).isEqualTo("soon@test");
        assertThat(first.get("room_id").stringValue()).isEqualTo(roomId);
        assertThat(first.get("title").stringValue()).isEqualTo("Planning");
        assertThat(first.get("description").stringValue()).isEqualTo("Agenda");
        assertThat(first.get("location").stringValue()).isEqualTo("http://localhost:3000/" + name(room));
        assertThat(Instant.parse(first.get("start_time").stringValue())).isEqualTo(start);
        assertThat(Instant.parse(first.get("end_time").stringValue())).isEqualTo(start.plus(Duration.ofMinutes(30)));
        assertThat(first.get("attendees").get(0).get("email").stringValue()).isEqualTo("ada@example.com");
        assertThat(first.has("last_synced") && first.has("created_at") && first.has("updated_at")).isTrue();
        assertThat(others.get(0).get("description").isNull()).isTrue();
        assertThat(others.get(0).get("attendees").isNull()).isTrue();
        assertThat(others.get(0).get("title").stringValue()).isEqualTo("Planning");
    }

    @Test
    void upcomingHoldsTheEventsStartingWithinTheMinutesAsked() {
        JsonNode room = alicesRoom(true);
        String roomId = room.get("id").stringValue();
        Instant now = Instant.now();
        anEvent(roomId, "running@test", now.minus(Duration.ofMinutes(10)), false);
        anEvent(roomId, "in20@test", now.plus(Duration.ofMinutes(20)), false);
        anEvent(roomId, "in90@test", now.plus(Duration.ofMinutes(90)), false);

        JsonNode within30 = ok(anonymous.get("/v1/rooms/" + name(room) + "/meetings/upcoming?minutes_ahead=30"));
        JsonNode byDefault = ok(anonymous.get("/v1/rooms/" + name(room) + "/meetings/upcoming"));

        assertThat(within30.findValuesAsString("ics_uid")).containsExactly("running@test", "in20@test");
        assertThat(byDefault.findValuesAsString("ics_uid")).containsExactly("running@test", "in20@test", "in90@test");
    }

    @Test
    void upcomingOfARoomWithoutACalendarIsEmpty() {
        Response created = alice.post("/v1/rooms", """
                {"name":"%s","is_shared":false}""".formatted("plain-" + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);

        Response upcoming = anonymous.get("/v1/rooms/" + name(created.json()) + "/meetings/upcoming?minutes_ahead=120");

        assertThat(upcoming.status()).isEqualTo(200);
        assertThat(upcoming.json().isArray() && upcoming.json().isEmpty()).isTrue();
        assertThat(anonymous.get("/v1/rooms/no-such-room/meetings/upcoming").status()).isEqualTo(404);
    }

    @Test
    void statusIsTheOwnersOnly() {
        JsonNode room = alicesRoom(false);
        Instant lastSync = Instant.parse("2026-01-02T03:04:05Z");
        db.update(ROOM).set(ROOM.ICS_LAST_SYNC, lastSync).set(ROOM.ICS_LAST_ETAG, "\"e1\"")
                .where(ROOM.ID.eq(room.get("id").stringValue())).execute();
        anEvent(room.get("id").stringValue(), "one@test", Instant.now().plus(Duration.ofHours(1)), false);

        JsonNode status = ok(alice.get("/v1/rooms/" + name(room) + "/ics/status"));

        assertThat(status.get("status").stringValue()).isEqualTo("enabled");
        assertThat(Instant.parse(status.get("last_sync").stringValue())).isEqualTo(lastSync);
        assertThat(Instant.parse(status.get("next_sync").stringValue())).isEqualTo(lastSync.plusSeconds(300));
        assertThat(status.get("last_etag").stringValue()).isEqualTo("\"e1\"");
        assertThat(status.get("events_count").intValue()).isEqualTo(1);
        db.update(ROOM).set(ROOM.ICS_FETCH_INTERVAL, 5).where(ROOM.ID.eq(room.get("id").stringValue())).execute();
        JsonNode inMinutes = ok(alice.get("/v1/rooms/" + name(room) + "/ics/status"));
        assertThat(Instant.parse(inMinutes.get("next_sync").stringValue())).isEqualTo(lastSync.plusSeconds(300));
        assertThat(bob.get("/v1/rooms/" + name(room) + "/ics/status").status()).isEqualTo(403);
        assertThat(anonymous.get("/v1/rooms/" + name(room) + "/ics/status").status()).isEqualTo(401);
    }

    @Test
    void syncIsAskedOfMeetingServiceForTheOwnerOnly() throws Exception {
        JsonNode room = alicesRoom(true);
        assertThat(bob.post("/v1/rooms/" + name(room) + "/ics/sync", "").status()).isEqualTo(403);
        assertThat(anonymous.post("/v1/rooms/" + name(room) + "/ics/sync", "").status()).isEqualTo(401);

        RabbitTemplate meetingService = new RabbitTemplate(rabbit.getConnectionFactory());
        meetingService.setMessageConverter(rabbit.getMessageConverter());
        meetingService.setReceiveTimeout(10_000);
        CompletableFuture<SyncCalendar> asked = CompletableFuture.supplyAsync(() -> {
            SyncCalendar[] request = new SyncCalendar[1];
            meetingService.receiveAndReply(Topology.MEETING_COMMANDS_QUEUE,
                    (ReceiveAndReplyCallback<SyncCalendar, CalendarSyncReply>) sync -> {
                        request[0] = sync;
                        return new CalendarSyncReply("success", "\"e2\"", 2, 5, 1, 1, 0, null, null);
                    });
            return request[0];
        });

        Response synced = alice.post("/v1/rooms/" + name(room) + "/ics/sync", "");

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(asked.get(15, TimeUnit.SECONDS).roomId()).isEqualTo(room.get("id").stringValue());
        JsonNode result = synced.json();
        assertThat(result.get("status").stringValue()).isEqualTo("success");
        assertThat(result.get("hash").stringValue()).isEqualTo("\"e2\"");
        assertThat(result.get("events_found").intValue()).isEqualTo(2);
        assertThat(result.get("total_events").intValue()).isEqualTo(5);
        assertThat(result.get("events_created").intValue()).isEqualTo(1);
        assertThat(result.get("events_updated").intValue()).isEqualTo(1);
        assertThat(result.get("events_deleted").intValue()).isEqualTo(0);
    }

    @Test
    void syncOfARoomWithoutACalendarIsABadRequest() {
        Response created = alice.post("/v1/rooms", """
                {"name":"%s","is_shared":false}""".formatted("plain-" + UUID.randomUUID().toString().substring(0, 8)));

        Response sync = alice.post("/v1/rooms/" + name(created.json()) + "/ics/sync", "");

        assertThat(sync.status()).isEqualTo(400);
        assertThat(sync.json().get("detail").stringValue()).isEqualTo("ICS not configured for this room");
    }

    @Test
    void namesItsOperationsAsTheContractDoes() {
        String document = ok(anonymous.get("/openapi.json")).toString();

        assertThat(document).contains("\"v1_rooms_sync_ics\"", "\"v1_rooms_ics_status\"", "\"v1_rooms_list_meetings\"",
                "\"v1_rooms_list_upcoming_meetings\"");
    }

    private JsonNode alicesRoom(boolean shared) {
        String name = "cal-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = alice.post("/v1/rooms", """
                {"name":"%s","is_shared":%s,"ics_url":"https://calendar.test/alice.ics","ics_enabled":true}
                """.formatted(name, shared));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    private void anEvent(String roomId, String uid, Instant start, boolean deleted) {
        String roomName = db.select(ROOM.NAME).from(ROOM).where(ROOM.ID.eq(roomId)).fetchSingle(ROOM.NAME);
        Instant now = Instant.now();
        db.insertInto(CALENDAR_EVENT)
                .set(CALENDAR_EVENT.ID, UUID.randomUUID().toString())
                .set(CALENDAR_EVENT.ROOM_ID, roomId)
                .set(CALENDAR_EVENT.ICS_UID, uid)
                .set(CALENDAR_EVENT.TITLE, "Planning")
                .set(CALENDAR_EVENT.DESCRIPTION, "Agenda")
                .set(CALENDAR_EVENT.LOCATION, "http://localhost:3000/" + roomName)
                .set(CALENDAR_EVENT.START_TIME, start)
                .set(CALENDAR_EVENT.END_TIME, start.plus(Duration.ofMinutes(30)))
                .set(CALENDAR_EVENT.ATTENDEES, JSONB.valueOf("[{\"email\":\"ada@example.com\",\"name\":\"Ada\"}]"))
                .set(CALENDAR_EVENT.LAST_SYNCED, now)
                .set(CALENDAR_EVENT.IS_DELETED, deleted)
                .set(CALENDAR_EVENT.CREATED_AT, now)
                .set(CALENDAR_EVENT.UPDATED_AT, now)
                .execute();
    }

    private static String name(JsonNode room) {
        return room.get("name").stringValue();
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
