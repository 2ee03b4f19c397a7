package app.meetingbridge.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Guessing API keys: refused keys are counted per source address, and beyond the limit every key is refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.rate-limits.api-key-failures=3/1h"})
class ApiKeyFailuresIT extends SignedInTestSupport {

    @Test
    void refusesEveryKeyFromAnAddressWith429OnceItsRefusedKeysPassTheLimit() {
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        HttpJson alice = anonymous.as(tokens.tokenFor("alice"));
        String key = alice.post("/v1/user/api-keys", "{\"name\":\"real\"}").json().get("key").stringValue();
        String guess = "mbk_" + "G".repeat(43);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(withKey(anonymous, guess).status()).as("attempt " + attempt).isEqualTo(401);
        }
        Response beyond = withKey(anonymous, guess);
        Response rightKeyTooLate = withKey(anonymous, key);

        assertThat(beyond.status()).isEqualTo(429);
        assertThat(Long.parseLong(beyond.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(rightKeyTooLate.status()).isEqualTo(429);
        assertThat(rightKeyTooLate.headers().firstValue("Retry-After")).isPresent();
        assertThat(alice.get("/v1/me").status()).as("a token is not a key: not limited").isEqualTo(200);
    }

    static Response withKey(HttpJson client, String key) {
        return client.send("GET", "/v1/me", null, Map.of("X-API-Key", key));
    }
}
