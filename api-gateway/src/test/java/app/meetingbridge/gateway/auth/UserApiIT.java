package app.meetingbridge.gateway.auth;

import static app.meetingbridge.db.Tables.USER_API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The signed-in user's endpoints ({@code /v1/me}, API keys) as Reflector's frontend calls them, from a browser on
 * another origin, with {@code AUTH_BACKEND=jwt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.http.max-body-size=1KB",
        "app.rate-limits.api-key-failures=1000/1m",
        "app.cors.origins=" + UserApiIT.FRONTEND + ", http://localhost:3000"})
class UserApiIT extends SignedInTestSupport {

    static final String FRONTEND = "https://reflector.example.test";
    @Autowired
    DSLContext db;

    @BeforeEach
    void clients() {
        alice = anonymous.as(tokens.token("alice", claims -> claims.claim("email", "alice@example.test")));
    }

    JsonNode aliceKey(String name) {
        Response created = alice.post("/v1/user/api-keys", name == null ? "{}" : "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    static Response withKey(HttpJson client, String key, String method, String path) {
        return client.send(method, path, null, Map.of("X-API-Key", key));
    }

    @Test
    void tellsASignedInUserWhoTheyAreWithTheTokensEmail() {
        JsonNode me = alice.get("/v1/me").json();

        assertThat(me.get("sub").stringValue()).isEqualTo("alice");
        assertThat(me.get("email").stringValue()).isEqualTo("alice@example.test");
        JsonNode bobAsSeen = bob.get("/v1/me").json();
        assertThat(bobAsSeen.get("sub").stringValue()).isEqualTo("bob");
        assertThat(bobAsSeen.has("email")).isTrue();
        assertThat(bobAsSeen.get("email").isNull()).isTrue();
    }

    @Test
    void refusesAnAnonymousCallerWith401() {
        Response response = anonymous.get("/v1/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("Not authenticated");
        assertThat(anonymous.as(tokens.expiredTokenFor("alice")).get("/v1/me").status()).isEqualTo(401);
    }

    @Test
    void answersHealthAsReflectorDoes() {
        Response response = anonymous.get("/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").stringValue()).isEqualTo("healthy");
    }

    @Test
    void namesTheOperationsInTheOpenApiDocumentAsTheContractDoes() {
        JsonNode paths = anonymous.get("/openapi.json").json().get("paths");

        assertThat(paths.get("/v1/me").get("get").get("operationId").stringValue()).isEqualTo("v1_user_me");
        assertThat(paths.get("/health").get("get").get("operationId").stringValue()).isEqualTo("health");
        JsonNode keys = paths.get("/v1/user/api-keys");
        assertThat(keys.get("get").get("operationId").stringValue()).isEqualTo("v1_list_api_keys");
        assertThat(keys.get("post").get("operationId").stringValue()).isEqualTo("v1_create_api_key");
        assertThat(paths.get("/v1/user/api-keys/{key_id}").get("delete").get("operationId").stringValue())
                .isEqualTo("v1_delete_api_key");
    }

    @Test
    void showsANewKeyOnceAndStoresOnlyItsHash() throws Exception {
        JsonNode created = aliceKey("laptop");
        String key = created.get("key").stringValue();

        assertThat(created.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(created.get("name").stringValue()).isEqualTo("laptop");
        assertThat(created.get("created_at").stringValue()).isNotBlank();
        assertThat(key).startsWith("mbk_").hasSizeGreaterThanOrEqualTo(40);
        String stored = db.fetchOne(USER_API_KEY, USER_API_KEY.ID.eq(created.get("id").stringValue())).getKeyHash();
        assertThat(stored).isNotEqualTo(key).doesNotContain(key.substring(4))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(StandardCharsets.UTF_8))));
        Response listed = alice.get("/v1/user/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(created.get("id").stringValue()).doesNotContain(key.substring(4));
        for (JsonNode item : listed.json()) {
            assertThat(item.has("key")).isFalse();
            assertThat(item.get("user_id").stringValue()).isEqualTo("alice");
        }
    }

    @Test
    void listsOnlyTheCallersOwnKeysNewestFirstAndANamelessKeyWithNullName() {
        String older = aliceKey("older").get("id").stringValue();
        JsonNode nameless = aliceKey(null);

        JsonNode listed = alice.get("/v1/user/api-keys").json();

        assertThat(nameless.has("name")).isTrue();
        assertThat(nameless.get("name").isNull()).isTrue();
        assertThat(listed.get(0).get("id").stringValue()).isEqualTo(nameless.get("id").stringValue());
        assertThat(listed.toString()).contains(older);
        assertThat(bob.get("/v1/user/api-keys").body()).doesNotContain(older);
    }

    @Test
    void signsTheKeysOwnerInEverywhereATokenWould() {
        String key = aliceKey("script").get("key").stringValue();

        JsonNode me = withKey(anonymous, key, "GET", "/v1/me").json();
        assertThat(me.get("sub").stringValue()).isEqualTo("alice");
        assertThat(me.get("email").isNull()).isTrue();
        String room = "key-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = anonymous.send("POST", "/v1/rooms", ("{\"name\":\"" + room + "\"}").getBytes(StandardCharsets.UTF_8),
                Map.of("X-API-Key", key));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("user_id").stringValue()).isEqualTo("alice");
    }

    @Test
    void refusesADeletedKeyAtOnce() {
        JsonNode created = aliceKey("short-lived");
        String key = created.get("key").stringValue();
        assertThat(withKey(anonymous, key, "GET", "/v1/me").status()).isEqualTo(200);

        Response deleted = alice.delete("/v1/user/api-keys/" + created.get("id").stringValue());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("status").stringValue()).isEqualTo("ok");
        Response refused = withKey(anonymous, key, "GET", "/v1/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("Invalid API key");
        assertThat(alice.get("/v1/user/api-keys").body()).doesNotContain(created.get("id").stringValue());
    }

    @Test
    void letsNobodyDeleteAnotherUsersKey() {
        JsonNode created = aliceKey("mine");

        assertThat(bob.delete("/v1/user/api-keys/" + created.get("id").stringValue()).status()).isEqualTo(404);
        assertThat(bob.delete("/v1/user/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(withKey(anonymous, created.get("key").stringValue(), "GET", "/v1/me").status()).isEqualTo(200);
    }

    @Test
    void refusesAKeyAndATokenOfDifferentUsers() {
        String key = aliceKey("paired").get("key").stringValue();

        Response mixed = withKey(bob, key, "GET", "/v1/me");

        assertThat(mixed.status()).isEqualTo(401);
        assertThat(mixed.json().get("detail").stringValue()).contains("more than one user");
        assertThat(withKey(alice, key, "GET", "/v1/me").json().get("sub").stringValue()).isEqualTo("alice");
    }

    @Test
    void refusesUnknownAndMalformedKeys() {
        assertThat(withKey(anonymous, "mbk_" + "A".repeat(43), "GET", "/v1/me").status()).isEqualTo(401);
        assertThat(withKey(anonymous, "not-a-key", "GET", "/v1/rooms").status()).isEqualTo(401);
    }

    @Test
    void refusesKeyManagementToAnonymousCallers() {
        assertThat(anonymous.get("/v1/user/api-keys").status()).isEqualTo(401);
        assertThat(anonymous.post("/v1/user/api-keys", "{}").status()).isEqualTo(401);
        assertThat(anonymous.delete("/v1/user/api-keys/" + UUID.randomUUID()).status()).isEqualTo(401);
    }

    @Test
    void answers422ForMalformedRequestBodies() {
        for (String body : new String[] {"{\"name\":\"\"}", "{\"name\":5}", "[]", "\"laptop\"", "{not json"}) {
            Response response = alice.post("/v1/user/api-keys", body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json().get("detail").isArray()).as(body).isTrue();
        }
        assertThat(alice.post("/v1/user/api-keys", null).status()).isEqualTo(422);
    }

    @Test
    void answers413ForAnOversizedBodyWithCorsHeaders() {
        String name = "x".repeat(2048);

        Response response = alice.send("POST", "/v1/user/api-keys",
                ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8), Map.of("Origin", FRONTEND));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
    }

    @Test
    void answersThePreflightOfAnAllowedOrigin() {
        Response preflight = anonymous.send("OPTIONS", "/v1/user/api-keys/" + UUID.randomUUID(), null, Map.of(
                "Origin", FRONTEND,
                "Access-Control-Request-Method", "DELETE",
                "Access-Control-Request-Headers", "authorization,content-type,x-api-key"));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
                .contains("GET", "POST", "PATCH", "PUT", "DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
                .contains("authorization", "content-type", "x-api-key");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        Response otherAllowed = anonymous.send("OPTIONS", "/v1/rooms", null, Map.of(
                "Origin", "http://localhost:3000", "Access-Control-Request-Method", "PATCH"));
        assertThat(otherAllowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
    }

    @Test
    void refusesThePreflightOfAnotherOrigin() {
        Response preflight = anonymous.send("OPTIONS", "/v1/rooms", null, Map.of(
                "Origin", "https://evil.example.test",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Response request = anonymous.send("GET", "/v1/rooms", null, Map.of("Origin", "https://evil.example.test"));
        assertThat(request.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void givesErrorAnswersTheCorsHeadersTheBrowserNeedsToReadThem() {
        Response unauthorized = anonymous.send("GET", "/v1/user/api-keys", null, Map.of("Origin", FRONTEND));
        Response invalid = alice.send("POST", "/v1/user/api-keys", "{\"name\":\"\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Origin", FRONTEND));

        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("Access-Control-Allow-Origin")).hasValue(FRONTEND);
    }
}
