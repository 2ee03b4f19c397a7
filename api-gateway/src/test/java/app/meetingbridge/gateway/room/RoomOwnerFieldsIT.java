package app.meetingbridge.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * What of a room only its owner sees, in every answer that carries one (by id, by name, listed), with two signed-in
 * users and an anonymous caller: the webhook URL and secret, the calendar feed and the owner's user id.
 */
// receivers under the reserved .test domain, vouched for by name (they need not resolve), as in GatewayTestSupport
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "app.outbound.allowed-hosts=*.test")
class RoomOwnerFieldsIT extends SignedInTestSupport {

    static final String ICS = "https://calendar.test/alice/private-7f3a.ics";

    JsonNode alicesRoom(boolean shared) {
        String name = "own-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = alice.post("/v1/rooms", """
                {"name":"%s","is_shared":%s,"webhook_url":"https://hooks.test/alice","ics_url":"%s","ics_enabled":true}
                """.formatted(name, shared, ICS));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    /** The room as {@code caller} gets it by id (when it may), by name and in the listing (when listed). */
    List<JsonNode> answersFor(HttpJson caller, JsonNode room) {
        List<JsonNode> answers = new ArrayList<>();
        Response byId = caller.get("/v1/rooms/" + room.get("id").stringValue());
        if (byId.status() == 200) {
            answers.add(byId.json());
        }
        Response byName = caller.get("/v1/rooms/name/" + room.get("name").stringValue());
        assertThat(byName.status()).as(byName.toString()).isEqualTo(200);
        answers.add(byName.json());
        Response listed = caller.get("/v1/rooms?size=100");
        if (listed.status() == 200) {
            for (JsonNode item : listed.json().get("items")) {
                if (item.get("id").equals(room.get("id"))) {
                    answers.add(item);
                }
            }
        }
        return answers;
    }

    @Test
    void showsTheOwnerTheirWebhookCalendarFeedAndUserId() {
        JsonNode room = alicesRoom(true);

        assertThat(room.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(room.get("ics_url").stringValue()).isEqualTo(ICS);
        assertThat(answersFor(alice, room)).hasSize(3).allSatisfy(seen -> {
            assertThat(seen.get("user_id").stringValue()).isEqualTo("alice");
            assertThat(seen.get("ics_url").stringValue()).isEqualTo(ICS);
            assertThat(seen.get("webhook_url").stringValue()).isEqualTo("https://hooks.test/alice");
            assertThat(seen.get("webhook_secret").stringValue()).isNotBlank();
        });
    }

    @Test
    void showsAnotherUserASharedRoomWithoutWhatIsTheOwners() {
        JsonNode room = alicesRoom(true);

        assertThat(answersFor(bob, room)).hasSize(3).allSatisfy(RoomOwnerFieldsIT::withoutOwnersFields);
    }

    @Test
    void showsAnAnonymousCallerARoomWithoutWhatIsTheOwners() {
        JsonNode shared = alicesRoom(true);
        JsonNode unshared = alicesRoom(false);

        assertThat(answersFor(anonymous, shared)).isNotEmpty().allSatisfy(RoomOwnerFieldsIT::withoutOwnersFields);
        assertThat(answersFor(anonymous, unshared)).hasSize(1).allSatisfy(RoomOwnerFieldsIT::withoutOwnersFields);
        assertThat(answersFor(bob, unshared)).hasSize(1).allSatisfy(RoomOwnerFieldsIT::withoutOwnersFields);
    }

    static void withoutOwnersFields(JsonNode seen) {
        assertThat(seen.get("user_id").stringValue()).isEmpty();
        assertThat(seen.get("ics_url").isNull()).isTrue();
        assertThat(seen.get("webhook_url").isNull()).isTrue();
        assertThat(seen.get("webhook_secret").isNull()).isTrue();
        assertThat(seen.get("ics_enabled").booleanValue()).isTrue();
        assertThat(seen.toString()).doesNotContain("alice");
    }
}
