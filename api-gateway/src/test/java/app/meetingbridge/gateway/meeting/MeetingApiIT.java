package app.meetingbridge.gateway.meeting;

import static app.meetingbridge.testsupport.Fixtures.aMeeting;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.Fixtures.MeetingFixture;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's side of meetings, with no meeting-service running: the reuse path answers from the database,
 * and anything that needs a new meeting gets a bounded 503.
 */
class MeetingApiIT extends GatewayTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port);
    }

    JsonNode newRoom() {
        String name = "meet-" + UUID.randomUUID().toString().substring(0, 8);
        Response response = http.post("/v1/rooms", "{\"name\":\"" + name + "\"}");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** A meeting as meeting-service would have stored it, with the room's default settings. */
    String storedMeeting(JsonNode room, Instant endDate, boolean active) {
        MeetingFixture meeting = aMeeting().inRoom(room.get("id").stringValue()).endingAt(endDate)
                .startedAt(endDate.minus(Duration.ofHours(8))).active(active);
        return meeting.providerRoomNamed(room.get("name").stringValue() + "-" + meeting.id()).insert(db);
    }

    static Instant inHours(int hours) {
        return Instant.now().plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    void reusesTheActiveMeetingWithMatchingSettingsWithoutAskingMeetingService() {
        JsonNode room = newRoom();
        storedMeeting(room, inHours(2), true);
        String latest = storedMeeting(room, inHours(6), true);

        Response response = http.post("/v1/rooms/" + room.get("name").stringValue() + "/meeting",
                "{\"allow_duplicated\":false}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode meeting = response.json();
        assertThat(meeting.get("id").stringValue()).isEqualTo(latest);
        assertThat(meeting.get("room_id").stringValue()).isEqualTo(room.get("id").stringValue());
        assertThat(meeting.get("platform").stringValue()).isEqualTo("mock");
        assertThat(meeting.get("is_active").booleanValue()).isTrue();
        assertThat(meeting.get("user_id").isNull()).isTrue();
        assertThat(meeting.has("calendar_metadata")).isTrue();
    }

    @Test
    void doesNotReuseAMeetingAfterTheRoomSettingsChanged() {
        JsonNode room = newRoom();
        storedMeeting(room, inHours(6), true);
        http.patch("/v1/rooms/" + room.get("id").stringValue(), "{\"is_locked\":true}");

        Response response = http.post("/v1/rooms/" + room.get("name").stringValue() + "/meeting", "{}");

        assertThat(response.status()).isEqualTo(503);
    }

    @Test
    void doesNotReuseInactiveOrEndedMeetings() {
        JsonNode room = newRoom();
        storedMeeting(room, inHours(6), false);
        storedMeeting(room, inHours(-1), true);

        assertThat(http.post("/v1/rooms/" + room.get("name").stringValue() + "/meeting", "{}").status()).isEqualTo(503);
    }

    @Test
    void answers503WithRetryAfterWithinItsBoundWhenMeetingServiceDoesNotAnswer() {
        JsonNode room = newRoom();

        long started = System.nanoTime();
        Response response = http.post("/v1/rooms/" + room.get("name").stringValue() + "/meeting",
                "{\"allow_duplicated\":true}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.json().get("detail").stringValue()).contains("did not answer within 1500 ms");
        // at least the 1.5 s bound, and not much more (room for a busy machine, far below the client's 30 s)
        assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(10));
    }

    @Test
    void answersUnknownRoomWith404() {
        Response response = http.post("/v1/rooms/no-such-room/meeting", "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("Room not found");
        assertThat(http.get("/v1/rooms/no-such-room/meetings/active").status()).isEqualTo(404);
    }

    @Test
    void refusesMalformedCreateBodies() {
        String name = newRoom().get("name").stringValue();

        assertThat(http.post("/v1/rooms/" + name + "/meeting", "{\"allow_duplicated\":\"yes\"}").status()).isEqualTo(422);
        assertThat(http.post("/v1/rooms/" + name + "/meeting", "{\"allow_duplicated\":").status()).isEqualTo(422);
        assertThat(http.post("/v1/rooms/" + name + "/meeting", "[true]").status()).isEqualTo(422);
    }

    @Test
    void listsActiveMeetingsEndingLastFirst() {
        JsonNode room = newRoom();
        String earlier = storedMeeting(room, inHours(2), true);
        String later = storedMeeting(room, inHours(5), true);
        storedMeeting(room, inHours(7), false);
        storedMeeting(room, inHours(-2), true);

        JsonNode active = http.get("/v1/rooms/" + room.get("name").stringValue() + "/meetings/active").json();

        assertThat(active).hasSize(2);
        assertThat(active.get(0).get("id").stringValue()).isEqualTo(later);
        assertThat(active.get(1).get("id").stringValue()).isEqualTo(earlier);
    }

    @Test
    void readsOneMeetingOfTheRoomEvenWhenInactive() {
        JsonNode room = newRoom();
        JsonNode other = newRoom();
        String inactive = storedMeeting(room, inHours(3), false);
        String name = room.get("name").stringValue();

        Response found = http.get("/v1/rooms/" + name + "/meetings/" + inactive);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("is_active").booleanValue()).isFalse();
        assertThat(http.get("/v1/rooms/" + other.get("name").stringValue() + "/meetings/" + inactive).status()).isEqualTo(404);
        assertThat(http.get("/v1/rooms/" + name + "/meetings/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void servesMockRoomsAsPlainPages() {
        Response page = http.get("/mock/rooms/demo-20261126-abc");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("demo-20261126-abc");
        assertThat(http.get("/mock/rooms/%3Cscript%3E").body()).doesNotContain("<script>");
    }

    @Test
    void reportsReadinessIncludingDatabaseAndBroker() {
        Response readiness = http.get("/readyz");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").stringValue()).isEqualTo("UP");
    }

    @Test
    void refusesOversizedBodiesOfMeetingRequestsWith413() {
        JsonNode room = newRoom();
        String meeting = storedMeeting(room, inHours(2), true);
        String oversized = "{\"allow_duplicated\":false,\"padding\":\"" + "x".repeat(70_000) + "\"}";

        Response create = http.post("/v1/rooms/" + room.get("name").stringValue() + "/meeting", oversized);
        Response consent = http.post("/v1/meetings/" + meeting + "/consent", oversized);
        Response startRecording = http.post("/v1/meetings/" + meeting + "/recordings/start", oversized);

        assertThat(create.status()).isEqualTo(413);
        assertThat(create.json().get("detail").stringValue()).contains("larger than");
        assertThat(consent.status()).isEqualTo(413);
        assertThat(consent.json().get("detail").stringValue()).contains("larger than");
        assertThat(startRecording.status()).isEqualTo(413);
        assertThat(startRecording.json().get("detail").stringValue()).contains("larger than");
    }
}
