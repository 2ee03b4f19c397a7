package app.meetingbridge.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Reflector's rooms page ({@code www/app/(app)/rooms}) against the gateway: every request exactly as the page builds
 * it (a signed-in user's {@code Authorization: Bearer}, {@code Content-Type: application/json} on every request, the
 * save body with all the form's fields in its order and with the values its controls offer) and every field the page
 * reads from the answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.providers.daily.api-key=set-in-tests",
        "app.providers.whereby.api-key=set-in-tests",
        // receivers under .test vouched for by name; the webhook test's receiver listens on this machine
        "app.outbound.allowed-hosts=*.test,127.0.0.1"})
class RoomsPageIT extends SignedInTestSupport {

    /** A request as the web app's API client sends it: JSON content type even without a body. */
    Response page(String method, String path, @Nullable String body) {
        return body == null
                ? alice.send(method, path, null, Map.of("Content-Type", "application/json"))
                : alice.send(method, path, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static String uniqueName() {
        return "page-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The save body of the page's {@code handleSaveRoom}, field by field in its order. */
    static String saveBody(String name, boolean zulipAutoPost, String zulipStream, String zulipTopic, boolean isLocked,
                           String roomMode, String recordingType, String recordingTrigger, boolean isShared,
                           String webhookUrl, String webhookSecret, String icsUrl, boolean icsEnabled,
                           int icsFetchInterval, String platform, boolean skipConsent) {
        return """
                {"name":"%s","zulip_auto_post":%s,"zulip_stream":"%s","zulip_topic":"%s","is_locked":%s,\
                "room_mode":"%s","recording_type":"%s","recording_trigger":"%s","is_shared":%s,"webhook_url":"%s",\
                "webhook_secret":"%s","ics_url":"%s","ics_enabled":%s,"ics_fetch_interval":%d,"platform":"%s",\
                "skip_consent":%s}""".formatted(name, zulipAutoPost, zulipStream, zulipTopic, isLocked, roomMode,
                recordingType, recordingTrigger, isShared, webhookUrl, webhookSecret, icsUrl, icsEnabled,
                icsFetchInterval, platform, skipConsent);
    }

    /** The form's initial state, saved as it is but for the name. */
    static String initialForm(String name) {
        return saveBody(name, false, "", "", false, "normal", "cloud", "automatic-2nd-participant", false, "", "", "",
                false, 5, "whereby", false);
    }

    /** The body the page saves after {@code handleEditRoom} loaded {@code room} into the form, unchanged. */
    static String editedUnchanged(JsonNode room) {
        boolean daily = room.get("platform").stringValue().equals("daily");
        String recordingType = room.get("recording_type").stringValue();
        return saveBody(room.get("name").stringValue(), room.get("zulip_auto_post").booleanValue(),
                room.get("zulip_stream").stringValue(), room.get("zulip_topic").stringValue(),
                room.get("is_locked").booleanValue(), daily ? "group" : room.get("room_mode").stringValue(),
                recordingType, daily ? (recordingType.equals("cloud") ? "automatic-2nd-participant" : "none")
                        : room.get("recording_trigger").stringValue(),
                room.get("is_shared").booleanValue(), orEmpty(room.get("webhook_url")),
                orEmpty(room.get("webhook_secret")), orEmpty(room.get("ics_url")),
                room.get("ics_enabled").booleanValue(),
                room.get("ics_fetch_interval").intValue() == 0 ? 5 : room.get("ics_fetch_interval").intValue(),
                room.get("platform").stringValue(), room.get("skip_consent").booleanValue());
    }

    static String orEmpty(@Nullable JsonNode value) {
        return value == null || value.isNull() ? "" : value.stringValue();
    }

    /** Every field the page reads from a room (list, cards, table, edit dialog). */
    static void assertPageFields(JsonNode room, String body) {
        JsonNode sent = HttpJson.parse(body);
        assertThat(room.get("id").stringValue()).hasSize(36);
        assertThat(room.get("user_id").stringValue()).isEqualTo("alice");
        for (String field : new String[] {"name", "zulip_stream", "zulip_topic", "room_mode", "recording_type",
                "recording_trigger", "webhook_url", "platform"}) {
            assertThat(room.get(field).stringValue()).as(field).isEqualTo(sent.get(field).stringValue());
        }
        for (String field : new String[] {"zulip_auto_post", "is_locked", "is_shared", "ics_enabled", "skip_consent"}) {
            assertThat(room.get(field).booleanValue()).as(field).isEqualTo(sent.get(field).booleanValue());
        }
        assertThat(room.get("ics_fetch_interval").intValue()).isEqualTo(sent.get("ics_fetch_interval").intValue());
        assertThat(orEmpty(room.get("ics_url"))).isEqualTo(sent.get("ics_url").stringValue());
        assertThat(room.has("ics_last_sync")).isTrue();
    }

    @Test
    void savesTheFormsInitialStateAndListsTheRoomWithEveryFieldThePageReads() {
        String body = initialForm(uniqueName());

        Response created = page("POST", "/v1/rooms", body);

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertPageFields(created.json(), body);
        assertThat(created.json().get("webhook_secret").stringValue()).isEmpty();
        assertThat(created.json().get("ics_url").isNull()).isTrue();
        Response list = page("GET", "/v1/rooms?page=1", null);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode item : list.json().get("items")) {
            if (item.get("id").stringValue().equals(created.json().get("id").stringValue())) {
                listed = item;
            }
        }
        assertThat(listed).as("the new room is on the first page").isNotNull();
        assertPageFields(listed, body);
        assertThat(list.json().get("total").intValue()).isPositive();
        assertThat(list.json().get("pages").intValue()).isPositive();
    }

    @Test
    void savesADailyCalendarRoomAsTheFormBuildsItAndReadsItBackForEditing() {
        String body = saveBody(uniqueName(), true, "meetings", "standup", true, "group", "cloud",
                "automatic-2nd-participant", true, "https://hooks.test/reflector", "",
                "https://calendar.test/team/basic.ics", true, 10, "daily", true);

        Response created = page("POST", "/v1/rooms", body);

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertPageFields(created.json(), body);
        assertThat(created.json().get("webhook_secret").stringValue()).as("a secret is made for the webhook")
                .isNotBlank();
        Response detailed = page("GET", "/v1/rooms/" + created.json().get("id").stringValue(), null);
        assertThat(detailed.status()).isEqualTo(200);
        assertPageFields(detailed.json(), body);
        Response byName = page("GET", "/v1/rooms/name/" + created.json().get("name").stringValue(), null);
        assertThat(byName.json().get("ics_enabled").booleanValue()).isTrue();
        assertThat(byName.json().get("skip_consent").booleanValue()).isTrue();
        assertThat(byName.json().get("is_shared").booleanValue()).isTrue();
        assertThat(byName.json().get("user_id").stringValue()).isEqualTo("alice");
    }

    @Test
    void anEditSavedUnchangedKeepsEveryFieldAndTheWebhookSecret() {
        Response created = page("POST", "/v1/rooms", saveBody(uniqueName(), false, "", "", false, "normal", "local",
                "prompt", false, "https://hooks.test/edit", "", "https://calendar.test/edit.ics", true, 30, "whereby",
                false));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().get("id").stringValue();
        JsonNode loaded = page("GET", "/v1/rooms/" + id, null).json();

        String body = editedUnchanged(loaded);
        Response saved = page("PATCH", "/v1/rooms/" + id, body);

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertPageFields(saved.json(), body);
        assertThat(saved.json().get("webhook_secret").stringValue())
                .isEqualTo(loaded.get("webhook_secret").stringValue());
        assertThat(page("GET", "/v1/rooms/" + id, null).json().toString()).isEqualTo(saved.json().toString());
    }

    @Test
    void keepsEverySyncIntervalTheCalendarSettingsOffer() {
        Response created = page("POST", "/v1/rooms", initialForm(uniqueName()));
        String id = created.json().get("id").stringValue();

        for (int minutes : new int[] {1, 5, 10, 30, 60}) {
            JsonNode room = page("GET", "/v1/rooms/" + id, null).json();
            String body = editedUnchanged(room).replaceAll("\"ics_fetch_interval\":\\d+",
                    "\"ics_fetch_interval\":" + minutes);

            Response saved = page("PATCH", "/v1/rooms/" + id, body);

            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            assertThat(saved.json().get("ics_fetch_interval").intValue()).isEqualTo(minutes);
        }
    }

    @Test
    void clearsTheCalendarFeedWhenTheFormSendsItEmpty() {
        Response created = page("POST", "/v1/rooms", saveBody(uniqueName(), false, "", "", false, "normal", "cloud",
                "automatic-2nd-participant", false, "", "", "https://calendar.test/clear.ics", true, 5, "whereby",
                false));
        String id = created.json().get("id").stringValue();
        JsonNode room = page("GET", "/v1/rooms/" + id, null).json();

        Response saved = page("PATCH", "/v1/rooms/" + id, editedUnchanged(room)
                .replace("\"ics_url\":\"https://calendar.test/clear.ics\"", "\"ics_url\":\"\"")
                .replace("\"ics_enabled\":true", "\"ics_enabled\":false"));

        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("ics_url").isNull()).isTrue();
        assertThat(saved.json().get("ics_enabled").booleanValue()).isFalse();
    }

    @Test
    void answersATakenNameWithTheDetailThePageShowsAsNameTaken() {
        String name = uniqueName();
        assertThat(page("POST", "/v1/rooms", initialForm(name)).status()).isEqualTo(200);

        Response again = page("POST", "/v1/rooms", initialForm(name));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("detail").stringValue()).isEqualTo("Room name is not unique");
    }

    @Test
    void refusesACalendarFeedOnAnInternalAddressOrAnUnknownHostAsAWebhookIs() {
        String internal = saveBody(uniqueName(), false, "", "", false, "normal", "cloud", "automatic-2nd-participant",
                false, "", "", "http://169.254.169.254/latest/meta-data/", true, 5, "whereby", false);
        String unknown = saveBody(uniqueName(), false, "", "", false, "normal", "cloud", "automatic-2nd-participant",
                false, "", "", "https://no-such-host.invalid/cal.ics", true, 5, "whereby", false);

        Response refused = page("POST", "/v1/rooms", internal);
        Response unresolved = page("POST", "/v1/rooms", unknown);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        JsonNode problem = refused.json().get("detail").get(0);
        assertThat(problem.get("loc").toString()).isEqualTo("[\"body\",\"ics_url\"]");
        assertThat(problem.get("msg").stringValue()).isEqualTo(RoomService.ICS_URL_NOT_ALLOWED);
        assertThat(problem.get("type").stringValue()).isEqualTo("value_error");
        assertThat(unresolved.status()).isEqualTo(422);
        assertThat(unresolved.json().get("detail").get(0).get("msg").stringValue())
                .isEqualTo(RoomService.ICS_HOST_DOES_NOT_RESOLVE);
    }

    @Test
    void keepsTheStoredCalendarFeedWhenAnEditNamesARefusedOne() {
        Response created = page("POST", "/v1/rooms", saveBody(uniqueName(), false, "", "", false, "normal", "cloud",
                "automatic-2nd-participant", false, "", "", "https://calendar.test/kept.ics", true, 5, "whereby",
                false));
        String id = created.json().get("id").stringValue();
        JsonNode room = page("GET", "/v1/rooms/" + id, null).json();

        Response refused = page("PATCH", "/v1/rooms/" + id, editedUnchanged(room)
                .replace("https://calendar.test/kept.ics", "http://[::1]:1250/v1/rooms"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("detail").get(0).get("msg").stringValue())
                .isEqualTo(RoomService.ICS_URL_NOT_ALLOWED);
        assertThat(page("GET", "/v1/rooms/" + id, null).json().get("ics_url").stringValue())
                .isEqualTo("https://calendar.test/kept.ics");
    }

    @Test
    void deletesARoomFromItsMenu() {
        String id = page("POST", "/v1/rooms", initialForm(uniqueName())).json().get("id").stringValue();

        Response deleted = page("DELETE", "/v1/rooms/" + id, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(page("GET", "/v1/rooms/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void testsTheWebhookOfTheRoomBeingEditedAndAnswersWhatThePageShows() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/n8n", exchange -> {
            byte[] answer = "{\"message\":\"Workflow could not be started\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        try {
            String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
            String id = page("POST", "/v1/rooms", saveBody(uniqueName(), false, "", "", false, "normal", "cloud",
                    "automatic-2nd-participant", false, base + "/ok", "", "", false, 5, "whereby", false))
                    .json().get("id").stringValue();

            Response success = page("POST", "/v1/rooms/" + id + "/webhook/test", null);
            JsonNode room = page("GET", "/v1/rooms/" + id, null).json();
            page("PATCH", "/v1/rooms/" + id, editedUnchanged(room).replace(base + "/ok", base + "/n8n"));
            Response failure = page("POST", "/v1/rooms/" + id + "/webhook/test", null);

            assertThat(success.status()).as(success.toString()).isEqualTo(200);
            assertThat(success.json().get("success").booleanValue()).isTrue();
            assertThat(success.json().get("status_code").intValue()).isEqualTo(200);
            assertThat(failure.status()).as(failure.toString()).isEqualTo(200);
            assertThat(failure.json().get("success").booleanValue()).isFalse();
            assertThat(failure.json().get("status_code").intValue()).isEqualTo(500);
            assertThat(orEmpty(failure.json().get("error"))).as("the page shows a non-empty error before the preview")
                    .isEmpty();
            assertThat(HttpJson.parse(failure.json().get("response_preview").stringValue()).get("message").stringValue())
                    .isEqualTo("Workflow could not be started");
            assertThat(failure.json().has("message")).isTrue();
        } finally {
            receiver.stop(0);
        }
    }
}
