package app.meetingbridge.gateway.webhook;

import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A gateway deployed without webhook secrets refuses every provider webhook, and says why, storing nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.auth.backend=none",
        "app.providers.daily.webhook-secret=", "app.webhooks.whereby-secret="})
class WebhooksNotConfiguredIT {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    HttpJson http;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port);
    }

    @Test
    void refusesDailyWebhooksWith401WhenItsSecretIsNotSet() {
        String id = "unconfigured-" + UUID.randomUUID();
        byte[] body = ("{\"type\":\"participant.joined\",\"id\":\"" + id + "\",\"payload\":{}}")
                .getBytes(StandardCharsets.UTF_8);

        Response response = http.post("/v1/daily/webhook", body, Map.of(
                "X-Webhook-Timestamp", String.valueOf(Instant.now().getEpochSecond()), "X-Webhook-Signature", "c2ln"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("Daily webhooks are not configured");
        assertThat(db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.EVENT_ID.eq(id))).isZero();
    }

    @Test
    void refusesWherebyWebhooksWith401WhenItsSecretIsNotSet() {
        String id = "unconfigured-" + UUID.randomUUID();
        byte[] body = ("{\"id\":\"" + id + "\",\"type\":\"room.client.joined\",\"data\":{}}")
                .getBytes(StandardCharsets.UTF_8);

        Response response = http.post("/v1/whereby", body, Map.of(
                "Whereby-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=00"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("Whereby webhooks are not configured");
        assertThat(db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.EVENT_ID.eq(id))).isZero();
    }
}
