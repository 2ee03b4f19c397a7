package app.meetingbridge.recordings.roomwebhook;

import static app.meetingbridge.db.Tables.ROOM_WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.Fixtures;
import app.meetingbridge.testsupport.OutageFlow;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestServices;
import app.meetingbridge.testsupport.TestServices.TestBroker;
import app.meetingbridge.testsupport.TestServices.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL cut (through a TCP proxy) for 30 s while ended transcripts flow in steadily: once it is back every room
 * webhook is delivered and recorded, and nothing is dead-lettered. The hold is cut to 10 s here, so that a delivery
 * waiting on the database is also handed back through the delay queue (and comes again) during the outage, not only
 * held. Receivers may see an event twice (deliveries are at least once, with the same {@code event_id}): only the one
 * sent just as the database went away, whose attempt could not be recorded. The test runs on a database and a
 * virtual host of its own, so that no other cached context consumes its messages; {@code -Doutage.seconds=…} changes
 * the outage's length.
 */
@SpringBootTest(properties = {
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.validation-timeout=1000",
        "app.messaging.outage.first-pause=500ms",
        "app.messaging.outage.longest-pause=2s",
        "app.messaging.outage.hold=10s",
        "app.outbound.allowed-hosts=127.0.0.1"}) // the receiver; nothing else internal
class RoomWebhookOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 30));
    /** Transcripts end this long before the cut and after the database is back, besides all through the outage. */
    static final Duration AROUND = Duration.ofSeconds(5);
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static final TestDatabase ownDatabase = TestServices.ownDatabase("outage_webhooks");
    static final TestBroker ownVirtualHost = TestServices.ownVirtualHost("outage_webhooks");
    static final TcpProxy database = TestServices.databaseProxy();
    static final FakeHttpServer receiver = new FakeHttpServer();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.registerThroughDatabaseProxy(registry, database, ownDatabase);
        registry.add("spring.rabbitmq.virtual-host", ownVirtualHost::virtualHost);
    }

    @AfterAll
    static void close() throws IOException {
        database.close();
        receiver.close();
    }

    @Test
    void deliversEveryWebhookThatFlowedThroughAThirtySecondDatabaseOutageAndDeadLettersNone() throws Exception {
        receiver.on("POST", "/hook", Reply.json(200, "{}"));
        try (CloseableDSLContext db = DSL.using(ownDatabase.url(), ownDatabase.user(), ownDatabase.password())) {
            String room = UUID.randomUUID().toString();
            Fixtures.aRoom().withId(room).named("outage-" + room.substring(0, 8)).ownedBy("owner-1")
                    .onPlatform("mock").withWebhook(receiver.baseUri() + "/hook", "room-secret").insert(db);
            List<String> sent = new CopyOnWriteArrayList<>();
            // a transcript ends (written straight to the database, not through the cut) and its message is published
            long started = OutageFlow.through(database, AROUND, OUTAGE, Duration.ofMillis(100), "transcripts-flow",
                    () -> {
                        String transcript = Fixtures.aTranscript().inRoom(room).inStatus("ended").insert(db);
                        String eventId = "tc-" + transcript;
                        rabbit.convertAndSend(Topology.RECORDINGS_EXCHANGE, Topology.TRANSCRIPT_COMPLETED,
                                new TranscriptCompleted(eventId, Instant.now(), transcript, room, 1));
                        sent.add(eventId);
                    });

            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                    received().keySet().containsAll(sent));
            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                    db.fetchCount(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.in(sent)
                            .and(ROOM_WEBHOOK_DELIVERY.STATUS_CODE.eq(200))) == sent.size());
            Map<String, Long> received = received();
            long twice = received.values().stream().filter(times -> times > 1).count();
            System.out.printf("room webhooks: %d sent, all delivered and recorded %d s after the flow began "
                            + "(outage %d s), %d received twice, %d handed back%n", sent.size(),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), OUTAGE.toSeconds(), twice,
                    (long) meters.counter("messaging.outage.handbacks").count());

            assertThat(received.keySet()).isEqualTo(Set.copyOf(sent));
            assertThat(twice).as("only the delivery sent as the database went away may come twice")
                    .isLessThanOrEqualTo(1);
            assertThat(admin.getQueueInfo(RoomWebhookListener.QUEUE + ".dlq").getMessageCount()).isZero();
            Awaitility.await().atMost(PATIENCE)
                    .until(() -> admin.getQueueInfo(RoomWebhookListener.QUEUE).getMessageCount() == 0);
            // held with pauses between tries (no spinning), and handed back once the 10 s hold was over
            assertThat(meters.counter("messaging.outage.retries").count()).isPositive()
                    .isLessThan(2.0 * OUTAGE.toMillis() / 500);
            assertThat(meters.counter("messaging.outage.handbacks").count()).isPositive();
        }
    }

    /** How often the receiver got each event id. */
    static Map<String, Long> received() {
        return receiver.requests("POST", "/hook").stream()
                .map(request -> request.json().get("event_id").stringValue())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
