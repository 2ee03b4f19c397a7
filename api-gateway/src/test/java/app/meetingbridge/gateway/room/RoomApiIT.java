package app.meetingbridge.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

class RoomApiIT extends GatewayTestSupport {

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port);
    }

    static String uniqueName() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Response createRoom(String json) {
        return http.post("/v1/rooms", json);
    }

    JsonNode createdRoom(String name) {
        Response response = createRoom("{\"name\":\"" + name + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void createsRoomWithReflectorDefaults() {
        String name = uniqueName();
        JsonNode room = createdRoom(name);

        assertThat(room.get("id").stringValue()).hasSize(36);
        assertThat(room.get("name").stringValue()).isEqualTo(name);
        assertThat(room.get("user_id").stringValue()).isEqualTo("local");
        assertThat(room.get("room_mode").stringValue()).isEqualTo("normal");
        assertThat(room.get("recording_type").stringValue()).isEqualTo("cloud");
        assertThat(room.get("recording_trigger").stringValue()).isEqualTo("automatic-2nd-participant");
        assertThat(room.get("ics_fetch_interval").intValue()).isEqualTo(300);
        assertThat(room.get("platform").stringValue()).isEqualTo("mock");
        assertThat(room.get("is_locked").booleanValue()).isFalse();
        assertThat(room.get("skip_consent").booleanValue()).isFalse();
        assertThat(room.get("zulip_stream").stringValue()).isEmpty();
        assertThat(room.get("webhook_url").isNull()).isTrue();
        assertThat(room.get("created_at").stringValue()).endsWith("Z");
    }

    @Test
    void createsRoomWithEveryFieldGiven() {
        String name = uniqueName();
        Response response = createRoom("""
                {"name":"%s","zulip_auto_post":true,"zulip_stream":"s","zulip_topic":"t","is_locked":true,
                 "room_mode":"group","recording_type":"local","recording_trigger":"prompt","is_shared":true,
                 "webhook_url":"https://example.test/hook","webhook_secret":"s3cret","ics_url":"https://cal.test/x.ics",
                 "ics_fetch_interval":600,"ics_enabled":true,"platform":"daily","skip_consent":true}
                """.formatted(name));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode room = response.json();
        assertThat(room.get("room_mode").stringValue()).isEqualTo("group");
        assertThat(room.get("recording_type").stringValue()).isEqualTo("local");
        assertThat(room.get("recording_trigger").stringValue()).isEqualTo("prompt");
        assertThat(room.get("platform").stringValue()).isEqualTo("daily");
        assertThat(room.get("webhook_secret").stringValue()).isEqualTo("s3cret");
        assertThat(room.get("ics_fetch_interval").intValue()).isEqualTo(600);
        assertThat(room.get("is_shared").booleanValue()).isTrue();
    }

    @Test
    void refusesTakenNameWith400() {
        String name = uniqueName();
        createdRoom(name);

        Response again = createRoom("{\"name\":\"" + name + "\"}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("detail").stringValue()).isEqualTo("Room name is not unique");
    }

    @Test
    void refusesMissingNameWith422() {
        Response response = createRoom("{\"room_mode\":\"normal\"}");

        assertThat(response.status()).isEqualTo(422);
        JsonNode problem = response.json().get("detail").get(0);
        assertThat(problem.get("loc").toString()).isEqualTo("[\"body\",\"name\"]");
        assertThat(problem.get("type").stringValue()).isEqualTo("missing");
    }

    @Test
    void reportsEveryWrongEnumValueAtOnce() {
        Response response = createRoom("""
                {"name":"%s","room_mode":"huge","recording_type":"tape","recording_trigger":"never","platform":"zoom"}
                """.formatted(uniqueName()));

        assertThat(response.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        response.json().get("detail").forEach(problem -> fields.add(problem.get("loc").get(1).stringValue()));
        assertThat(fields).containsExactlyInAnyOrder("room_mode", "recording_type", "recording_trigger", "platform");
    }

    @Test
    void refusesNameOfAThousandCharacters() {
        Response response = createRoom("{\"name\":\"" + "a".repeat(1000) + "\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").get(0).get("type").stringValue()).isEqualTo("string_too_long");
    }

    @Test
    void refusesNamesThatAreNotUrlSafeOrReserved() {
        assertThat(createRoom("{\"name\":\"has space\"}").status()).isEqualTo(422);
        assertThat(createRoom("{\"name\":\"slash/x\"}").status()).isEqualTo(422);
        assertThat(createRoom("{\"name\":\"\"}").status()).isEqualTo(422);
        Response reserved = createRoom("{\"name\":\"transcripts\"}");
        assertThat(reserved.status()).isEqualTo(422);
        assertThat(reserved.body()).contains("reserved");
    }

    @Test
    void refusesWrongTypesAndOutOfRangeValues() {
        Response response = createRoom("""
                {"name":"%s","is_locked":"yes","ics_fetch_interval":0,"webhook_url":"ftp://x"}
                """.formatted(uniqueName()));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("is_locked", "ics_fetch_interval", "webhook_url");
    }

    @Test
    void refusesMalformedJsonWithAClearMessage() {
        Response broken = createRoom("{\"name\": ");
        Response notAnObject = createRoom("[1,2]");

        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().get("detail").get(0).get("type").stringValue()).isEqualTo("json_invalid");
        assertThat(notAnObject.status()).isEqualTo(422);
    }

    @Test
    void refusesOversizedBodyWith413() {
        Response response = createRoom("{\"name\":\"x\",\"zulip_topic\":\"" + "x".repeat(100_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").stringValue()).contains("larger than");
    }

    @Test
    void readsRoomByIdAndByName() {
        String name = uniqueName();
        String id = createdRoom(name).get("id").stringValue();

        assertThat(http.get("/v1/rooms/" + id).json().get("name").stringValue()).isEqualTo(name);
        assertThat(http.get("/v1/rooms/name/" + name).json().get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void answersUnknownRoomWith404() {
        Response byId = http.get("/v1/rooms/" + UUID.randomUUID());
        Response byName = http.get("/v1/rooms/name/no-such-room");

        assertThat(byId.status()).isEqualTo(404);
        assertThat(byId.json().get("detail").stringValue()).isEqualTo("Room not found");
        assertThat(byName.status()).isEqualTo(404);
        assertThat(http.patch("/v1/rooms/" + UUID.randomUUID(), "{}").status()).isEqualTo(404);
        assertThat(http.delete("/v1/rooms/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyTheNamedFields() {
        String id = createdRoom(uniqueName()).get("id").stringValue();

        Response patched = http.patch("/v1/rooms/" + id, "{\"is_locked\":true,\"room_mode\":\"group\"}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode room = patched.json();
        assertThat(room.get("is_locked").booleanValue()).isTrue();
        assertThat(room.get("room_mode").stringValue()).isEqualTo("group");
        assertThat(room.get("recording_type").stringValue()).isEqualTo("cloud");
        assertThat(http.get("/v1/rooms/" + id).json().get("room_mode").stringValue()).isEqualTo("group");
    }

    @Test
    void patchRefusesTakenNameAndInvalidValues() {
        String taken = uniqueName();
        createdRoom(taken);
        String id = createdRoom(uniqueName()).get("id").stringValue();

        assertThat(http.patch("/v1/rooms/" + id, "{\"name\":\"" + taken + "\"}").status()).isEqualTo(400);
        assertThat(http.patch("/v1/rooms/" + id, "{\"recording_type\":\"vhs\"}").status()).isEqualTo(422);
        assertThat(http.patch("/v1/rooms/" + id, "{\"is_shared\":null}").status()).isEqualTo(422);
    }

    @Test
    void generatesWebhookSecretWhenUrlComesWithoutOne() {
        JsonNode created = createRoom("{\"name\":\"" + uniqueName() + "\",\"webhook_url\":\"https://hooks.test/a\"}").json();
        String first = created.get("webhook_secret").stringValue();
        String id = created.get("id").stringValue();

        String second = http.patch("/v1/rooms/" + id, "{\"webhook_url\":\"https://hooks.test/b\"}").json()
                .get("webhook_secret").stringValue();
        String kept = http.patch("/v1/rooms/" + id, "{\"is_locked\":true}").json().get("webhook_secret").stringValue();
        String given = http.patch("/v1/rooms/" + id, "{\"webhook_url\":\"https://hooks.test/c\",\"webhook_secret\":\"mine\"}")
                .json().get("webhook_secret").stringValue();

        assertThat(first).hasSizeGreaterThanOrEqualTo(43);
        assertThat(second).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(43);
        assertThat(kept).isEqualTo(second);
        assertThat(given).isEqualTo("mine");
    }

    @Test
    void keepsTheWebhookSecretWhenTheSameUrlComesAgainAndRotatesItForANewUrl() {
        String id = createdRoom(uniqueName()).get("id").stringValue();

        String first = http.patch("/v1/rooms/" + id, "{\"webhook_url\":\"https://h.test/a\"}").json()
                .get("webhook_secret").stringValue();
        Response replayed = http.patch("/v1/rooms/" + id, "{\"webhook_url\":\"https://h.test/a\"}");
        String rotated = http.patch("/v1/rooms/" + id, "{\"webhook_url\":\"https://h.test/b\"}").json()
                .get("webhook_secret").stringValue();

        assertThat(first).hasSizeGreaterThanOrEqualTo(43);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("webhook_secret").stringValue()).isEqualTo(first);
        assertThat(rotated).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(43);
        assertThat(http.get("/v1/rooms/" + id).json().get("webhook_secret").stringValue()).isEqualTo(rotated);
    }

    @Test
    void givesAnExplicitWebhookSecretPrecedenceOverAKeptOne() {
        String id = createRoom("{\"name\":\"" + uniqueName() + "\",\"webhook_url\":\"https://h.test/a\"}").json()
                .get("id").stringValue();

        String given = http.patch("/v1/rooms/" + id, "{\"webhook_url\":\"https://h.test/a\",\"webhook_secret\":\"mine\"}")
                .json().get("webhook_secret").stringValue();
        String renewed = http.patch("/v1/rooms/" + id, "{\"webhook_url\":\"https://h.test/a\",\"webhook_secret\":null}")
                .json().get("webhook_secret").stringValue();

        assertThat(given).isEqualTo("mine");
        assertThat(renewed).isNotEqualTo("mine").hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void patchRefusesOversizedBodyWith413() {
        String id = createdRoom(uniqueName()).get("id").stringValue();

        Response response = http.patch("/v1/rooms/" + id, "{\"zulip_topic\":\"" + "x".repeat(70_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").stringValue()).contains("larger than");
    }

    @Test
    void patchRefusesAZulipTopicOf256CharactersWith422() {
        String id = createdRoom(uniqueName()).get("id").stringValue();

        Response response = http.patch("/v1/rooms/" + id, "{\"zulip_topic\":\"" + "t".repeat(256) + "\"}");

        assertThat(response.status()).isEqualTo(422);
        JsonNode problem = response.json().get("detail").get(0);
        assertThat(problem.get("loc").toString()).isEqualTo("[\"body\",\"zulip_topic\"]");
        assertThat(problem.get("type").stringValue()).isEqualTo("string_too_long");
        assertThat(http.get("/v1/rooms/" + id).json().get("zulip_topic").stringValue()).isEmpty();
    }

    @Test
    void refusesAnOversizedChunkedBodyWith413() throws Exception {
        byte[] body = ("{\"name\":\"" + uniqueName() + "\",\"zulip_topic\":\"" + "x".repeat(100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/rooms"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isNegative();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(HttpJson.parse(response.body()).get("detail").stringValue()).contains("larger than");
    }

    @Test
    void deletesRoom() {
        String id = createdRoom(uniqueName()).get("id").stringValue();

        Response deleted = http.delete("/v1/rooms/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(http.get("/v1/rooms/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/v1/rooms/" + id).status()).isEqualTo(404);
    }

    @Test
    void listsRoomsNewestFirstInPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createdRoom(uniqueName()).get("id").stringValue());
        }

        JsonNode page = http.get("/v1/rooms?page=1&size=2").json();

        assertThat(page.get("page").intValue()).isEqualTo(1);
        assertThat(page.get("size").intValue()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(2);
        int total = page.get("total").intValue();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(page.get("pages").intValue()).isEqualTo((total + 1) / 2);
        assertThat(page.get("items").get(0).get("id").stringValue()).isEqualTo(ids.get(2));
        assertThat(page.get("items").get(1).get("id").stringValue()).isEqualTo(ids.get(1));
    }

    @Test
    void answersAPageFarPastTheEndWithNoItemsInsteadOfOverflowing() {
        createdRoom(uniqueName());

        Response response = http.get("/v1/rooms?page=2147483647&size=2");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("page").intValue()).isEqualTo(Integer.MAX_VALUE);
        int total = page.get("total").intValue();
        assertThat(total).isPositive();
        assertThat(page.get("pages").intValue()).isEqualTo((total + 1) / 2);
    }

    @Test
    void refusesInvalidPagination() {
        assertThat(http.get("/v1/rooms?page=0").status()).isEqualTo(422);
        assertThat(http.get("/v1/rooms?size=101").status()).isEqualTo(422);
        assertThat(http.get("/v1/rooms?page=abc").status()).isEqualTo(422);
    }

    @Test
    void answersUnknownPathsAndMethodsWithClearErrors() {
        assertThat(http.get("/v1/nothing-here").status()).isEqualTo(404);
        Response wrongMethod = http.send("PUT", "/v1/rooms", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().has("detail")).isTrue();
    }

    @Test
    void refusesAPlatformThisDeploymentHasNotConfigured() {
        Response response = createRoom("{\"name\":\"" + uniqueName() + "\",\"platform\":\"whereby\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").stringValue()).contains("'whereby' is not configured");
    }

    /** The one problem of a 422 answer, which must be about {@code webhook_url}. */
    static JsonNode webhookUrlProblem(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        JsonNode detail = response.json().get("detail");
        assertThat(detail).hasSize(1);
        assertThat(detail.get(0).get("loc").toString()).isEqualTo("[\"body\",\"webhook_url\"]");
        return detail.get(0);
    }

    @Test
    void refusesWebhookUrlsThatPointAtInternalAddressesInAnySpelling() {
        String id = createdRoom(uniqueName()).get("id").stringValue();
        for (String url : List.of("http://127.0.0.1:1250/v1/rooms", "http://2130706433/", "http://0177.0.0.1/",
                "http://0x7f.0.0.1/", "http://127.1/", "http://127.000.000.001/", "http://0.0.0.0:1250/",
                "http://[::1]:1250/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/", "http://[fd00:ec2::254]/",
                "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/admin", "http://100.64.0.1/",
                "http://224.0.0.1/", "http://255.255.255.255/", "https://user:password@hooks.test/hook")) {
            String body = "{\"webhook_url\":\"" + url + "\"}";

            JsonNode created = webhookUrlProblem(createRoom("{\"name\":\"" + uniqueName() + "\"," + body.substring(1)));
            JsonNode updated = webhookUrlProblem(http.patch("/v1/rooms/" + id, body));

            assertThat(created.get("msg").stringValue()).as(url).doesNotContain("127.", "169.254", "10.0");
            assertThat(updated.get("msg").stringValue()).as(url).isEqualTo(created.get("msg").stringValue());
        }
        assertThat(http.get("/v1/rooms/" + id).json().get("webhook_url").isNull()).isTrue();
    }

    @Test
    void refusesAWebhookUrlThatResolvesToALoopbackAddress() {
        JsonNode problem = webhookUrlProblem(createRoom("{\"name\":\"" + uniqueName()
                + "\",\"webhook_url\":\"http://localhost:1250/v1/rooms\"}"));

        assertThat(problem.get("msg").stringValue()).isEqualTo(RoomService.WEBHOOK_URL_NOT_ALLOWED);
        assertThat(problem.get("type").stringValue()).isEqualTo("value_error");
    }

    @Test
    void refusesAWebhookUrlWhoseHostDoesNotResolve() {
        JsonNode problem = webhookUrlProblem(createRoom("{\"name\":\"" + uniqueName()
                + "\",\"webhook_url\":\"https://no-such-host.invalid/hook\"}"));

        assertThat(problem.get("msg").stringValue()).isEqualTo(RoomService.WEBHOOK_HOST_DOES_NOT_RESOLVE);
    }

    @Test
    void keepsTheStoredWebhookWhenAnUpdateNamesARefusedOne() {
        JsonNode room = createRoom("{\"name\":\"" + uniqueName() + "\",\"webhook_url\":\"https://hooks.test/kept\"}")
                .json();
        String id = room.get("id").stringValue();

        webhookUrlProblem(http.patch("/v1/rooms/" + id,
                "{\"webhook_url\":\"http://169.254.169.254/\",\"is_locked\":true}"));

        JsonNode stored = http.get("/v1/rooms/" + id).json();
        assertThat(stored.get("webhook_url").stringValue()).isEqualTo("https://hooks.test/kept");
        assertThat(stored.get("webhook_secret").stringValue()).isEqualTo(room.get("webhook_secret").stringValue());
        assertThat(stored.get("is_locked").booleanValue()).isFalse();
    }

    @Test
    void admitsAWebhookHostTheAllowListNamesWithoutResolvingIt() {
        Response response = createRoom("{\"name\":\"" + uniqueName()
                + "\",\"webhook_url\":\"https://receiver.internal.test/hook\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("webhook_url").stringValue()).isEqualTo("https://receiver.internal.test/hook");
    }
}
