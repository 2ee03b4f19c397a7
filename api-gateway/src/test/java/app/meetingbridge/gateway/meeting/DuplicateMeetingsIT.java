package app.meetingbridge.gateway.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code allow_duplicated: true} makes a new provider room each time: only signed-in callers may ask, and only so
 * often per caller and per room. No meeting-service answers here, so an admitted request ends in 503 after the
 * short creation timeout; what matters is which requests are refused before that.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.meetings.create-timeout=300ms",
        "app.rate-limits.duplicate-meetings-per-caller=2/1h",
        "app.rate-limits.duplicate-meetings-per-room=3/1h"})
class DuplicateMeetingsIT extends SignedInTestSupport {

    static final String DUPLICATE = "{\"allow_duplicated\":true}";

    HttpJson as(String user) {
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        return user == null ? anonymous : anonymous.as(tokens.tokenFor(user));
    }

    String newRoom(String owner) {
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = as(owner).post("/v1/rooms", "{\"name\":\"" + name + "\",\"is_shared\":true}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return "/v1/rooms/" + name + "/meeting";
    }

    @Test
    void refusesAnAnonymousRequestForAnotherMeetingWith401() {
        Response response = as(null).post(newRoom("alice"), DUPLICATE);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").stringValue()).contains("Sign in");
    }

    @Test
    void refusesACallerBeyondTheirLimitWith429AndRetryAfterWhileOthersStillMayAsk() {
        String first = newRoom("owner-1");
        String second = newRoom("owner-1");
        assertThat(as("dana").post(first, DUPLICATE).status()).isNotEqualTo(429);
        assertThat(as("dana").post(second, DUPLICATE).status()).isNotEqualTo(429);

        Response refused = as("dana").post(first, DUPLICATE);
        Response someoneElse = as("erin").post(second, DUPLICATE);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(someoneElse.status()).isNotEqualTo(429);
    }

    @Test
    void refusesARoomBeyondItsLimitWhoeverAsks() {
        String room = newRoom("owner-2");
        for (String user : new String[] {"frank", "grace", "heidi"}) {
            assertThat(as(user).post(room, DUPLICATE).status()).as(user).isNotEqualTo(429);
        }

        Response refused = as("ivan").post(room, DUPLICATE);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(as("ivan").post(newRoom("owner-2"), DUPLICATE).status()).isNotEqualTo(429);
    }
}
