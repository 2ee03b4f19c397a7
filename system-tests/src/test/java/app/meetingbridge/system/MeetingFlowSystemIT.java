package app.meetingbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The first end-to-end flow with the real deployables: HTTP → gateway → RabbitMQ → meeting-service →
 * PostgreSQL and back, including meeting-service going away and coming back.
 */
class MeetingFlowSystemIT {

    /**
     * The gateway's wait for meeting-service: above meeting-service's 9 s claim wait, as deployed (fifty visitors of
     * one room wait for one creation on a machine that may be busy), and below the test client's 30 s.
     */
    static final Duration CREATE_TIMEOUT = Duration.ofSeconds(12);

    static Deployable gateway;
    static Deployable meetingService;
    static HttpJson http;

    @BeforeAll
    static void startServices() {
        gateway = new Deployable("api-gateway", Map.of("MEETING_CREATE_TIMEOUT", CREATE_TIMEOUT.toMillis() + "ms"));
        meetingService = new Deployable("meeting-service",
                Map.of("MOCK_ROOM_BASE_URL", gateway.baseUrl() + "/mock/rooms/"));
        meetingService.start();
        gateway.start();
        http = gateway.http();
    }

    @AfterAll
    static void stopServices() throws InterruptedException {
        gateway.kill();
        meetingService.kill();
    }

    static String newRoom() {
        String name = "sys-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = http.post("/v1/rooms", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return name;
    }

    static double mockRoomsCreated() {
        Response metric = meetingService.http()
                .get("/actuator/metrics/provider.requests?tag=platform:mock&tag=operation:create_room&tag=outcome:success");
        if (metric.status() == 404) {
            return 0;
        }
        for (JsonNode measurement : metric.json().get("measurements")) {
            if (measurement.get("statistic").stringValue().equals("COUNT")) {
                return measurement.get("value").doubleValue();
            }
        }
        throw new AssertionError("no COUNT in " + metric);
    }

    @Test
    void fiftyConcurrentVisitorsOfOneRoomGetOneMeetingFromOneProviderCall() throws Exception {
        String room = newRoom();
        double before = mockRoomsCreated();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                responses.add(pool.submit(() -> http.post("/v1/rooms/" + room + "/meeting", "{\"allow_duplicated\":false}")));
            }
            List<Response> answered = new ArrayList<>();
            for (Future<Response> response : responses) {
                answered.add(response.get());
            }

            assertThat(answered).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(200));
            Set<String> ids = answered.stream().map(r -> r.json().get("id").stringValue()).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(mockRoomsCreated() - before).isEqualTo(1.0);
            JsonNode active = http.get("/v1/rooms/" + room + "/meetings/active").json();
            assertThat(active).hasSize(1);
            assertThat(active.get(0).get("id").stringValue()).isEqualTo(ids.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangedRoomSettingGivesTheNextVisitorANewMeeting() {
        String room = newRoom();
        JsonNode first = http.post("/v1/rooms/" + room + "/meeting", "{}").json();
        String roomId = http.get("/v1/rooms/name/" + room).json().get("id").stringValue();

        http.patch("/v1/rooms/" + roomId, "{\"room_mode\":\"group\"}");
        JsonNode second = http.post("/v1/rooms/" + room + "/meeting", "{}").json();

        assertThat(second.get("id").stringValue()).isNotEqualTo(first.get("id").stringValue());
        assertThat(second.get("room_mode").stringValue()).isEqualTo("group");
        assertThat(http.get("/v1/rooms/" + room + "/meetings/" + first.get("id").stringValue()).status()).isEqualTo(200);
    }

    @Test
    void theMockRoomUrlOpensAPageTheGatewayServes() {
        JsonNode meeting = http.post("/v1/rooms/" + newRoom() + "/meeting", "{}").json();

        String roomUrl = meeting.get("room_url").stringValue();
        Response page = new HttpJson(roomUrl.substring(0, roomUrl.indexOf("/mock/"))).get(roomUrl.substring(roomUrl.indexOf("/mock/")));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(meeting.get("room_name").stringValue());
    }

    @Test
    void answers503WhileMeetingServiceIsDownAndWorksAgainOnceItIsBack() throws Exception {
        String room = newRoom();
        meetingService.kill();
        try {
            long started = System.nanoTime();
            Response down = http.post("/v1/rooms/" + room + "/meeting", "{\"allow_duplicated\":true}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.json().get("detail").stringValue()).contains("did not answer");
            assertThat(took).isLessThan(CREATE_TIMEOUT.plusSeconds(8)); // its bound, with room for a busy machine
        } finally {
            meetingService.start();
        }

        Response up = http.post("/v1/rooms/" + room + "/meeting", "{\"allow_duplicated\":true}");

        assertThat(up.status()).as(up.toString()).isEqualTo(200);
        assertThat(http.get("/v1/rooms/" + room + "/meetings/active").json()).hasSize(1);
    }
}
