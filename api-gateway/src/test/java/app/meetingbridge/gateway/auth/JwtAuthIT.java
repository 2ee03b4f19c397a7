package app.meetingbridge.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The gateway with {@code AUTH_BACKEND=jwt}: owners, other signed-in users and anonymous visitors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.meetings.create-timeout=1500ms",
        "app.outbound.allowed-hosts=hooks.test"})
class JwtAuthIT extends SignedInTestSupport {

    JsonNode aliceRoom(boolean shared) {
        String name = "jwt-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = alice.post("/v1/rooms", "{\"name\":\"" + name + "\",\"is_shared\":" + shared
                + ",\"webhook_url\":\"https://hooks.test/alice\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    @Test
    void refusesAnonymousRoomCreationWith401() {
        Response response = anonymous.post("/v1/rooms", "{\"name\":\"anon-room\"}");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void refusesExpiredForeignWrongAudienceAndMalformedTokensWith401() {
        assertThat(anonymous.as(tokens.expiredTokenFor("alice")).get("/v1/rooms").status()).isEqualTo(401);
        assertThat(anonymous.as(TestTokens.tokenSignedByAStranger("alice")).get("/v1/rooms").status()).isEqualTo(401);
        assertThat(anonymous.as(tokens.tokenForAudience("alice", "someone-else")).get("/v1/rooms").status()).isEqualTo(401);
        Response garbage = anonymous.as("not.a.jwt").get("/v1/rooms");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.json().get("detail").stringValue()).isEqualTo("Invalid or expired token");
    }

    @Test
    void refusesATokenForTheLocalUserOfAuthenticationOffSoItCannotTakeOverWhatThatModeMade() {
        Response response = anonymous.as(tokens.tokenFor(Caller.LOCAL_USER_ID)).get("/v1/rooms");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").stringValue()).contains("reserved");
    }

    @Test
    void makesTheCreatorTheOwner() {
        JsonNode room = aliceRoom(false);

        assertThat(room.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(room.get("webhook_secret").stringValue()).isNotBlank();
    }

    @Test
    void letsOnlyTheOwnerReadAPrivateRoomByIdButAnyoneByName() {
        JsonNode room = aliceRoom(false);
        String id = room.get("id").stringValue();

        assertThat(alice.get("/v1/rooms/" + id).status()).isEqualTo(200);
        assertThat(bob.get("/v1/rooms/" + id).status()).isEqualTo(403);
        assertThat(bob.get("/v1/rooms/" + id).json().get("detail").stringValue()).isEqualTo("Room access denied");
        Response byName = anonymous.get("/v1/rooms/name/" + room.get("name").stringValue());
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("webhook_secret").isNull()).isTrue();
        assertThat(byName.json().get("webhook_url").isNull()).isTrue();
    }

    @Test
    void neverShowsTheWebhookSecretOfASharedRoomToOthers() {
        JsonNode room = aliceRoom(true);
        String id = room.get("id").stringValue();

        JsonNode seenByBob = bob.get("/v1/rooms/" + id).json();

        assertThat(seenByBob.get("webhook_secret").isNull()).isTrue();
        boolean listedWithoutSecret = false;
        for (JsonNode item : bob.get("/v1/rooms?size=100").json().get("items")) {
            if (item.get("id").stringValue().equals(id)) {
                listedWithoutSecret = item.get("webhook_secret").isNull() && item.get("webhook_url").isNull();
            }
        }
        assertThat(listedWithoutSecret).isTrue();
    }

    @Test
    void listsOwnAndSharedRoomsOnly() {
        String privateId = aliceRoom(false).get("id").stringValue();
        String sharedId = aliceRoom(true).get("id").stringValue();

        String bobsList = bob.get("/v1/rooms?size=100").body();

        assertThat(bobsList).contains(sharedId).doesNotContain(privateId);
        assertThat(alice.get("/v1/rooms?size=100").body()).contains(sharedId, privateId);
    }

    @Test
    void letsOnlyTheOwnerChangeOrDeleteARoom() {
        String id = aliceRoom(true).get("id").stringValue();

        assertThat(bob.patch("/v1/rooms/" + id, "{\"is_locked\":true}").status()).isEqualTo(403);
        assertThat(anonymous.patch("/v1/rooms/" + id, "{\"is_locked\":true}").status()).isEqualTo(401);
        assertThat(bob.delete("/v1/rooms/" + id).status()).isEqualTo(403);
        assertThat(alice.patch("/v1/rooms/" + id, "{\"is_locked\":true}").status()).isEqualTo(200);
        assertThat(alice.delete("/v1/rooms/" + id).status()).isEqualTo(200);
    }

    @Test
    void refusesAnonymousRoomDeletionWith401AndKeepsTheRoom() {
        String id = aliceRoom(true).get("id").stringValue();

        Response response = anonymous.delete("/v1/rooms/" + id);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("Not authenticated");
        assertThat(alice.get("/v1/rooms/" + id).status()).isEqualTo(200);
    }

    @Test
    void refusesDeactivationToAnonymousCallersBeforeLookingAnythingUp() {
        assertThat(anonymous.patch("/v1/meetings/" + UUID.randomUUID() + "/deactivate", null).status()).isEqualTo(401);
        assertThat(bob.patch("/v1/meetings/" + UUID.randomUUID() + "/deactivate", null).status()).isEqualTo(404);
    }
}
