package app.meetingbridge.gateway.room;

import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.ROOM_WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestServices;
import app.meetingbridge.testsupport.TestTokens;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/rooms/{room_id}/webhook/test}: the owner's signed test event, and what came of it. The receivers
 * here listen on 127.0.0.1, which the operator's allow-list admits; nothing else internal is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.outbound.allowed-hosts=127.0.0.1",
        "app.rate-limits.webhook-test=" + RoomWebhookTestIT.TESTS_PER_HOUR + "/1h"})
class RoomWebhookTestIT {

    static final int TESTS_PER_HOUR = 20;
    static final TestTokens tokens = new TestTokens();
    static final FakeHttpServer receiver = new FakeHttpServer();

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    HttpJson anonymous;
    HttpJson alice;
    HttpJson bob;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
        tokens.trustedBy(registry);
    }

    @AfterAll
    static void closeReceiver() {
        receiver.close();
    }

    @BeforeEach
    void clients() {
        anonymous = new HttpJson("http://127.0.0.1:" + port);
        alice = anonymous.as(tokens.tokenFor("alice"));
        bob = anonymous.as(tokens.tokenFor("bob"));
        receiver.reset();
    }

    JsonNode aliceRoom(String webhookUrl) {
        return roomOf(alice, webhookUrl);
    }

    JsonNode roomOf(HttpJson owner, String webhookUrl) {
        String name = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = owner.post("/v1/rooms", "{\"name\":\"" + name + "\"" + (webhookUrl == null ? ""
                : ",\"webhook_url\":\"" + webhookUrl + "\",\"webhook_secret\":\"s3cret-ü\"") + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    static String hexHmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsASignedTestEventAndReportsTheReceiversAnswer() throws Exception {
        receiver.on("POST", "/hook", Reply.json(200, "{\"received\":true}"));
        JsonNode room = aliceRoom(receiver.baseUri() + "/hook");

        Response response = alice.post("/v1/rooms/" + room.get("id").stringValue() + "/webhook/test", "");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("success").booleanValue()).isTrue();
        assertThat(response.json().get("message").stringValue()).isEqualTo("Webhook test successful");
        assertThat(response.json().get("error").stringValue()).isEmpty();
        assertThat(response.json().get("status_code").intValue()).isEqualTo(200);
        assertThat(response.json().get("response_preview").stringValue()).isEqualTo("{\"received\":true}");
        Recorded sent = receiver.requests("POST", "/hook").get(0);
        assertThat(sent.header("X-Webhook-Event")).isEqualTo("test");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        String[] signature = sent.header("X-Webhook-Signature").split(",");
        String t = signature[0].substring("t=".length());
        assertThat(signature[1]).isEqualTo("v1=" + hexHmac("s3cret-ü", t + "." + sent.body()));
        JsonNode body = HttpJson.parse(sent.body());
        assertThat(body.get("event").stringValue()).isEqualTo("test");
        assertThat(body.get("event_id").stringValue()).hasSize(32);
        assertThat(body.get("room").get("id").stringValue()).isEqualTo(room.get("id").stringValue());
        assertThat(body.get("room").get("name").stringValue()).isEqualTo(room.get("name").stringValue());
        assertThat(db.fetchCount(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.ROOM_ID.eq(room.get("id").stringValue())
                .and(ROOM_WEBHOOK_DELIVERY.STATUS_CODE.eq(200)))).isEqualTo(1);
    }

    @Test
    void readsOnlyThePreviewOfAReceiversHugeAnswer() throws Exception {
        long fiftyMegabytes = 50L * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        HttpServer huge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        huge.createContext("/huge", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0); // chunked: streamed, no length announced
            byte[] chunk = "0123456789".repeat(6554).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < fiftyMegabytes) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientStoppedReading) {
                // expected: the gateway closes the connection once it has its preview
            } finally {
                exchange.close();
            }
        });
        huge.setExecutor(Executors.newSingleThreadExecutor());
        huge.start();
        try {
            String room = aliceRoom("http://127.0.0.1:" + huge.getAddress().getPort() + "/huge").get("id").stringValue();

            Response response = alice.post("/v1/rooms/" + room + "/webhook/test", "");

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode result = response.json();
            assertThat(result.get("success").booleanValue()).isTrue();
            assertThat(result.get("status_code").intValue()).isEqualTo(200);
            assertThat(result.get("response_preview").stringValue()).isEqualTo("0123456789".repeat(20));
            assertThat(sent.get()).isLessThan(fiftyMegabytes);
        } finally {
            huge.stop(0);
        }
    }

    @Test
    void aReceiverThatTricklesItsAnswerHoldsTheTestNoLongerThanItsTimeout() throws Exception {
        HttpServer trickling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trickling.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) { // a byte every 100 ms: a minute for its whole answer
                    out.write('t');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientStoppedReading) {
                // expected: the gateway stops listening at its timeout
            } finally {
                exchange.close();
            }
        });
        trickling.setExecutor(Executors.newSingleThreadExecutor());
        trickling.start();
        try {
            String room = aliceRoom("http://127.0.0.1:" + trickling.getAddress().getPort() + "/slow").get("id").stringValue();

            long started = System.nanoTime();
            Response response = alice.post("/v1/rooms/" + room + "/webhook/test", "");
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().get("success").booleanValue()).isTrue();
            assertThat(response.json().get("status_code").intValue()).isEqualTo(202);
            assertThat(response.json().get("response_preview").stringValue()).matches("t+");
            assertThat(took).isLessThan(java.time.Duration.ofSeconds(30)); // 10 s timeout, not the minute
        } finally {
            trickling.stop(0);
        }
    }

    @Test
    void reportsAFailingReceiverAMissingUrlAndAnUnreachableOne() {
        receiver.on("POST", "/broken", Reply.json(500, "{\"oops\":1}"));
        String broken = aliceRoom(receiver.baseUri() + "/broken").get("id").stringValue();
        String none = aliceRoom(null).get("id").stringValue();
        String unreachable = aliceRoom("http://127.0.0.1:1/nothing").get("id").stringValue();

        JsonNode failed = alice.post("/v1/rooms/" + broken + "/webhook/test", "").json();
        JsonNode missing = alice.post("/v1/rooms/" + none + "/webhook/test", "").json();
        JsonNode down = alice.post("/v1/rooms/" + unreachable + "/webhook/test", "").json();

        assertThat(failed.get("success").booleanValue()).isFalse();
        assertThat(failed.get("message").stringValue()).isEqualTo("Webhook test failed");
        assertThat(failed.get("status_code").intValue()).isEqualTo(500);
        assertThat(missing.get("success").booleanValue()).isFalse();
        assertThat(missing.get("error").stringValue()).isEqualTo("No webhook URL configured");
        assertThat(down.get("success").booleanValue()).isFalse();
        assertThat(down.get("error").stringValue()).startsWith("Could not connect to webhook URL");
    }

    @Test
    void onlyTheRoomsOwnerMayTestItsWebhook() {
        String room = aliceRoom(receiver.baseUri() + "/hook").get("id").stringValue();

        assertThat(anonymous.post("/v1/rooms/" + room + "/webhook/test", "").status()).isEqualTo(401);
        assertThat(bob.post("/v1/rooms/" + room + "/webhook/test", "").status()).isEqualTo(403);
        assertThat(alice.post("/v1/rooms/no-such-room/webhook/test", "").status()).isEqualTo(404);
        assertThat(receiver.requests()).isEmpty();
    }

    /**
     * A room whose stored webhook URL points inside the network (stored before the guard existed, or before the
     * allow-list changed): the test is refused when the connection would be made, and says no more than that. The
     * "internal service" listens on every interface, so each URL would reach it if it were not refused.
     */
    @Test
    void refusesToTestAWebhookUrlThatPointsInsideTheNetwork() throws Exception {
        HttpServer internal = HttpServer.create(new InetSocketAddress(0), 0);
        AtomicLong reached = new AtomicLong();
        internal.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        internal.start();
        HttpJson mallory = anonymous.as(tokens.tokenFor("mallory-" + UUID.randomUUID()));
        int port = internal.getAddress().getPort();
        try {
            String room = roomOf(mallory, receiver.baseUri() + "/hook").get("id").stringValue();
            for (String url : List.of("http://127.0.0.2:" + port + "/admin", "http://[::1]:" + port + "/admin",
                    "http://[::ffff:127.0.0.2]:" + port + "/admin", "http://2130706434:" + port + "/admin",
                    "http://0x7f000002:" + port + "/admin", "http://169.254.169.254/latest/meta-data/")) {
                db.update(ROOM).set(ROOM.WEBHOOK_URL, url).where(ROOM.ID.eq(room)).execute();

                Response response = mallory.post("/v1/rooms/" + room + "/webhook/test", "");

                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                JsonNode result = response.json();
                assertThat(result.get("success").booleanValue()).as(url).isFalse();
                assertThat(result.get("error").stringValue()).as(url).isEqualTo("Webhook URL is not allowed");
                assertThat(result.get("status_code").isNull()).isTrue();
                assertThat(result.get("response_preview").isNull()).isTrue();
            }
            assertThat(reached).hasValue(0);
            assertThat(receiver.requests()).isEmpty();
            assertThat(db.fetch(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.ROOM_ID.eq(room))
                    .getValues(ROOM_WEBHOOK_DELIVERY.ERROR)).hasSize(6).containsOnly("Webhook URL is not allowed");
        } finally {
            internal.stop(0);
        }
    }

    @Test
    void refusesToSaveAWebhookUrlOutsideTheAllowList() {
        String name = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        Response refused = alice.post("/v1/rooms", "{\"name\":\"" + name + "\",\"webhook_url\":\"http://127.0.0.2:"
                + receiver.baseUri().getPort() + "/hook\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("webhook_url").doesNotContain("127.0.0.2");
    }

    @Test
    void limitsHowOftenOneUserTestsWebhooks() {
        HttpJson carol = anonymous.as(tokens.tokenFor("carol-" + UUID.randomUUID()));
        HttpJson dave = anonymous.as(tokens.tokenFor("dave-" + UUID.randomUUID()));
        String carols = roomOf(carol, null).get("id").stringValue();
        String daves = roomOf(dave, null).get("id").stringValue();
        for (int i = 0; i < TESTS_PER_HOUR; i++) {
            assertThat(carol.post("/v1/rooms/" + carols + "/webhook/test", "").status()).isEqualTo(200);
        }

        Response refused = carol.post("/v1/rooms/" + carols + "/webhook/test", "");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().get("detail").stringValue()).startsWith("Too many webhook tests");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(dave.post("/v1/rooms/" + daves + "/webhook/test", "").status()).isEqualTo(200);
    }
}
