package app.meetingbridge.gateway.webhook;

import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker away during intake: webhooks are still acknowledged, and their messages go out (to meeting-service's
 * queue, here a stand-in) once it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.auth.backend=none",
        "app.providers.daily.webhook-secret=" + GatewayTestSupport.DAILY_SECRET,
        "app.outbox.poll-interval=100ms",
        "app.outbox.max-backoff=500ms",
        "spring.rabbitmq.connection-timeout=1s"})
class WebhookBrokerDownIT {

    static final TcpProxy broker = TestServices.brokerProxy();

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.registerThroughBrokerProxy(registry, broker);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        broker.close();
    }

    /**
     * meeting-service's queue of provider events, which its binding declares (the outbox keeps a message no queue
     * takes): a queue of the test's own takes them in its place.
     */
    static void standInForMeetingService() {
        var mq = TestServices.broker();
        CachingConnectionFactory direct = new CachingConnectionFactory(mq.host(), mq.port());
        direct.setUsername(mq.user());
        direct.setPassword(mq.password());
        direct.setVirtualHost(mq.virtualHost());
        try {
            RabbitAdmin admin = new RabbitAdmin(direct);
            TopicExchange providerEvents = new TopicExchange(Topology.PROVIDER_EVENTS_EXCHANGE, true, false);
            Queue standIn = new Queue("test.provider-events-stand-in", false, false, false);
            admin.declareExchange(providerEvents); // the gateway declares it when it first publishes
            admin.declareQueue(standIn);
            admin.declareBinding(BindingBuilder.bind(standIn).to(providerEvents).with("#"));
        } finally {
            direct.destroy();
        }
    }

    @Test
    void acknowledgesWhileTheBrokerIsAwayAndLosesNothing() throws Exception {
        HttpJson http = new HttpJson("http://127.0.0.1:" + port);
        standInForMeetingService();
        broker.cut();
        String[] ids = new String[5];
        try {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = "offline-" + UUID.randomUUID();
                byte[] body = ("{\"type\":\"participant.joined\",\"id\":\"" + ids[i]
                        + "\",\"payload\":{\"room\":\"r\",\"session_id\":\"s-" + i + "\"}}").getBytes(StandardCharsets.UTF_8);
                String timestamp = String.valueOf(Instant.now().getEpochSecond());
                Response response = http.post("/v1/daily/webhook", body, Map.of("X-Webhook-Timestamp", timestamp,
                        "X-Webhook-Signature", DailyWebhookIT.sign(GatewayTestSupport.DAILY_SECRET, timestamp, body)));
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
            // not a pause but the relay's own record: it has tried every one of them while the broker was away
            List<String> outboxIds = Arrays.stream(ids).map(id -> "daily:" + id).toList();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.in(outboxIds).and(OUTBOX.ATTEMPTS.ge(1))) == ids.length);
            assertThat(db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.in(outboxIds).and(OUTBOX.SENT_AT.isNull())))
                    .isEqualTo(ids.length);
        } finally {
            broker.restore();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.like("daily:offline-%").and(OUTBOX.SENT_AT.isNull())) > 0) {
            assertThat(System.nanoTime()).as("outbox drained within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        for (String id : ids) {
            assertThat(db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.EVENT_ID.eq(id))).isEqualTo(1);
            assertThat(db.fetchSingle(OUTBOX, OUTBOX.EVENT_ID.eq("daily:" + id)).getSentAt()).isNotNull();
        }
    }
}
