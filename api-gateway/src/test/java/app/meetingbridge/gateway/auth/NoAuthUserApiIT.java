package app.meetingbridge.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code AUTH_BACKEND=none}: everyone is the local user, no API keys, and CORS open to any origin. */
class NoAuthUserApiIT extends GatewayTestSupport {

    @LocalServerPort
    int port;

    HttpJson local;

    @BeforeEach
    void client() {
        local = new HttpJson("http://127.0.0.1:" + port);
    }

    @Test
    void answersTheLocalUser() {
        Response me = local.get("/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("sub").stringValue()).isEqualTo(Caller.LOCAL_USER_ID);
        assertThat(me.json().get("email").isNull()).isTrue();
    }

    @Test
    void makesNoApiKeysSinceNoneWouldBeChecked() {
        Response created = local.post("/v1/user/api-keys", "{\"name\":\"laptop\"}");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().get("detail").stringValue()).contains("AUTH_BACKEND=jwt");
        assertThat(local.get("/v1/user/api-keys").body()).isEqualTo("[]");
    }

    @Test
    void allowsAnyOriginWithoutCredentialsByDefaultAsReflector() {
        Response preflight = local.send("OPTIONS", "/v1/rooms", null, Map.of(
                "Origin", "http://localhost:3000",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
}
