package app.meetingbridge.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the database unreachable the gateway cannot store a webhook, so it answers 503 (the provider retries)
 * rather than acknowledging something it would lose; once the database is back the same delivery is taken.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.auth.backend=none",
        "app.providers.daily.webhook-secret=" + GatewayTestSupport.DAILY_SECRET,
        "spring.datasource.hikari.connection-timeout=1500",
        "spring.datasource.hikari.validation-timeout=1000"})
class WebhookDatabaseDownIT {

    static final TcpProxy database = TestServices.databaseProxy();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.registerThroughDatabaseProxy(registry, database);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        database.close();
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndTakesTheRedeliveryOnceItIsBack() throws Exception {
        HttpJson http = new HttpJson("http://127.0.0.1:" + port);
        byte[] body = ("{\"type\":\"participant.joined\",\"id\":\"" + UUID.randomUUID()
                + "\",\"payload\":{\"room\":\"r\",\"session_id\":\"s\"}}").getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Map<String, String> headers = Map.of("X-Webhook-Timestamp", timestamp,
                "X-Webhook-Signature", DailyWebhookIT.sign(GatewayTestSupport.DAILY_SECRET, timestamp, body));

        database.cut();
        Response down;
        try {
            down = http.post("/v1/daily/webhook", body, headers);
        } finally {
            database.restore();
        }
        // the provider retries; the pool replaces the connections the outage broke within a few attempts
        Response up = http.post("/v1/daily/webhook", body, headers);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a busy machine reconnects slowly
        while (up.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            up = http.post("/v1/daily/webhook", body, headers);
        }

        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(up.status()).as(up.toString()).isEqualTo(200);
    }
}
