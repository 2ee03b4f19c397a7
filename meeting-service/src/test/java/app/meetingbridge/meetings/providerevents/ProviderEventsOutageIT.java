package app.meetingbridge.meetings.providerevents;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.ParticipantJoined;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL cut (through a TCP proxy) for 30 s while provider events flow in steadily: once it is back every event is
 * applied and none is dead-lettered, because the consumers held their batches through the outage, pausing between
 * tries, instead of returning them to the queue until its delivery limit parked them. The test runs on a database
 * and a virtual host of its own, so that no other cached context consumes its events; {@code -Doutage.seconds=…}
 * changes the outage's length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.validation-timeout=1000",
        "spring.rabbitmq.template.reply-timeout=60s",
        "app.lifecycle.deactivation-interval=1h",
        "app.messaging.outage.first-pause=500ms",
        "app.messaging.outage.longest-pause=2s"})
class ProviderEventsOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 30));
    /** Events flow this long before the cut and after the database is back, besides all through the outage. */
    static final Duration AROUND = Duration.ofSeconds(5);
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String QUEUE = ProviderEventBatches.QUEUE;

    static final TestDatabase ownDatabase = TestServices.ownDatabase("outage_events");
    static final TestBroker ownVirtualHost = TestServices.ownVirtualHost("outage_events");
    static final TcpProxy database = TestServices.databaseProxy();

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
    static void closeProxy() throws IOException {
        database.close();
    }

    @Test
    void appliesEveryEventThatFlowedThroughAThirtySecondDatabaseOutageAndDeadLettersNone() throws Exception {
        try (CloseableDSLContext db = DSL.using(ownDatabase.url(), ownDatabase.user(), ownDatabase.password())) {
            List<String> meetings = new ArrayList<>();
            List<String> rooms = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String meeting = aMeeting(db);
                meetings.add(meeting);
                rooms.add(db.fetchSingle(MEETING, MEETING.ID.eq(meeting)).getProviderRoomName());
            }
            AtomicInteger published = new AtomicInteger();
            long started = OutageFlow.through(database, AROUND, OUTAGE, Duration.ofMillis(50), "provider-events-flow",
                    () -> {
                        int n = published.getAndIncrement();
                        String room = rooms.get(n % rooms.size());
                        rabbit.convertAndSend(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.PARTICIPANT_JOINED,
                                new ParticipantJoined("outage-" + n, Instant.now(), Platform.MOCK, room, null,
                                        "s-" + n, null, "P" + n, Instant.now().truncatedTo(ChronoUnit.MILLIS), null));
                    });
            int sent = published.get();

            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                    db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.in(meetings)) == sent);
            System.out.printf("provider events: %d sent, all applied %d s after the flow began (outage %d s)%n", sent,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), OUTAGE.toSeconds());

            assertThat(db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.in(meetings)
                    .and(PARTICIPANT_SESSION.SESSION_ID.like("s-%")))).isEqualTo(sent);
            assertThat(admin.getQueueInfo(QUEUE + ".dlq").getMessageCount()).isZero();
            Awaitility.await().atMost(PATIENCE).until(() -> admin.getQueueInfo(QUEUE).getMessageCount() == 0);
            // the consumers met the outage and waited it out, held, with pauses between tries: no spinning
            double retries = meters.counter("messaging.outage.retries").count();
            assertThat(retries).isPositive().isLessThan(2.0 * OUTAGE.toMillis() / 500);
            assertThat(meters.counter("messaging.outage.handbacks").count()).isZero();
        }
    }

    /** A meeting made through meeting-service's own create path, while the database is up. */
    String aMeeting(CloseableDSLContext db) {
        String room = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.aRoom().named(room).ownedBy("owner-1").onPlatform("mock").insert(db);
        MeetingCreateReply reply = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_CREATE, new CreateMeeting(UUID.randomUUID().toString(), room, false, null,
                        Instant.now()), new ParameterizedTypeReference<MeetingCreateReply>() {
                });
        assertThat(reply).isNotNull();
        assertThat(reply.meetingId()).as(reply.toString()).isNotNull();
        return reply.meetingId();
    }
}
