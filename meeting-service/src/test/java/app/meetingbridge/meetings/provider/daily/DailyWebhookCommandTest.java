package app.meetingbridge.meetings.provider.daily;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DailyWebhookCommandTest {

    static final String URL = "https://api.example.test/v1/daily/webhook";

    final FakeHttpServer daily = new FakeHttpServer();
    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        daily.close();
    }

    int run(Map<String, String> env, String... args) {
        return DailyWebhookCommand.run(List.of(args), env, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    Map<String, String> env() {
        return Map.of("DAILY_API_KEY", "key", "DAILY_API_URL", daily.baseUri().toString(),
                "DAILY_WEBHOOK_SECRET", "c2VjcmV0");
    }

    String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void registersTheWebhookAndPrintsItsState() {
        daily.on("GET", "/webhooks", Reply.json(200, "[]"));
        daily.on("POST", "/webhooks", Reply.json(200,
                "{\"uuid\":\"wh-9\",\"url\":\"" + URL + "\",\"state\":\"ACTIVE\",\"failedCount\":0,\"eventTypes\":[\"participant.joined\"]}"));

        int exit = run(env(), "register", URL);

        assertThat(exit).isZero();
        assertThat(printed()).contains("created uuid=wh-9").contains("state=ACTIVE").doesNotContain("c2VjcmV0");
        assertThat(daily.requests("POST", "/webhooks").get(0).json().get("hmac").stringValue()).isEqualTo("c2VjcmV0");
    }

    @Test
    void repairsAFailedWebhook() {
        daily.on("GET", "/webhooks", Reply.json(200,
                "[{\"uuid\":\"wh-9\",\"url\":\"" + URL + "\",\"state\":\"FAILED\",\"failedCount\":3}]"));
        daily.on("POST", "/webhooks/wh-9", Reply.json(200,
                "{\"uuid\":\"wh-9\",\"url\":\"" + URL + "\",\"state\":\"ACTIVE\",\"failedCount\":0}"));

        int exit = run(env(), "register", URL);

        assertThat(exit).isZero();
        assertThat(printed()).contains("reactivated uuid=wh-9");
    }

    @Test
    void reportsAFailedWebhookInItsStatusWithANonZeroExit() {
        daily.on("GET", "/webhooks", Reply.json(200,
                "[{\"uuid\":\"wh-9\",\"url\":\"" + URL + "\",\"state\":\"FAILED\",\"failedCount\":3}]"));

        int exit = run(env(), "status");

        assertThat(exit).isEqualTo(1);
        assertThat(printed()).contains("state=FAILED failedCount=3");
    }

    @Test
    void refusesToRegisterWithoutTheSecretTheGatewayVerifiesWith() {
        int exit = run(Map.of("DAILY_API_KEY", "key", "DAILY_API_URL", daily.baseUri().toString()), "register", URL);

        assertThat(exit).isEqualTo(2);
        assertThat(printed()).contains("DAILY_WEBHOOK_SECRET");
        assertThat(daily.requests()).isEmpty();
    }

    @Test
    void saysWhatWentWrongWhenDailyRefuses() {
        daily.on("GET", "/webhooks", Reply.json(401, "{\"error\":\"authentication-error\"}"));

        int exit = run(env(), "status");

        assertThat(exit).isEqualTo(1);
        assertThat(printed()).contains("authentication-error");
    }
}
