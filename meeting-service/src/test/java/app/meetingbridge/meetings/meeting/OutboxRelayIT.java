package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingCreated;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.meeting.MeetingService;
import app.meetingbridge.messaging.Outbox;
import app.meetingbridge.testsupport.Fixtures;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestServices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker goes away while a meeting is created: the meeting and its outbox row commit, the row stays
 * unsent while the broker is unreachable, and is published (confirmed) once the broker is back. A message no queue
 * takes (its consumer never started) stays unsent too, until a queue is bound.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "app.outbox.poll-interval=100ms",
        "app.outbox.max-backoff=500ms",
        "spring.rabbitmq.connection-timeout=1s"})
class OutboxRelayIT {

    static final TcpProxy broker = TestServices.brokerProxy();

    @Autowired
    MeetingService meetings;

    @Autowired
    DSLContext db;

    @Autowired
    MessageConverter converter;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.registerThroughBrokerProxy(registry, broker);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        broker.close();
    }

    @Test
    void keepsTheMessageUnsentWhileTheBrokerIsAwayAndRelaysItOnceItIsBack() throws Exception {
        String room = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.aRoom().named(room).ownedBy("owner").onPlatform("mock").insert(db);
        CachingConnectionFactory direct = directConnection();
        try {
            RabbitAdmin admin = new RabbitAdmin(direct);
            Queue observer = new Queue("test.outbox." + UUID.randomUUID(), false, false, true);
            admin.declareQueue(observer);
            admin.declareBinding(BindingBuilder.bind(observer).to(new TopicExchange(Topology.MEETINGS_EXCHANGE))
                    .with(Topology.MEETING_CREATED));

            broker.cut();
            MeetingCreateReply reply = meetings.createOrGet(
                    new CreateMeeting(UUID.randomUUID().toString(), room, false, null, Instant.now()));
            String eventId = db.select(OUTBOX.EVENT_ID).from(OUTBOX)
                    .where(OUTBOX.PAYLOAD.cast(String.class).contains(reply.meetingId())).fetchSingle(OUTBOX.EVENT_ID);

            awaitTrue(Duration.ofSeconds(60), () -> attempts(eventId) >= 2);
            assertThat(sentAt(eventId)).isNull();
            assertThat(new RabbitTemplate(direct).receive(observer.getName())).isNull();

            broker.restore();
            awaitTrue(Duration.ofSeconds(60), () -> sentAt(eventId) != null);
            Message message = new RabbitTemplate(direct).receive(observer.getName(), 30_000);

            assertThat(message).isNotNull();
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(eventId);
            assertThat(converter.fromMessage(message)).isInstanceOfSatisfying(MeetingCreated.class,
                    event -> assertThat(event.meetingId()).isEqualTo(reply.meetingId()));
        } finally {
            broker.restore();
            direct.destroy();
        }
    }

    @Test
    void keepsAMessageNoQueueTakesUnsentAndSendsItOnceAQueueIsBound(CapturedOutput log) throws Exception {
        String eventId = "unrouted-" + UUID.randomUUID();
        String routingKey = "test.unbound." + UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.add(eventId, Topology.MEETINGS_EXCHANGE, routingKey,
                new MeetingCreated(eventId, Instant.now(), "m-1", "r-1", Platform.MOCK, "room-1", Instant.now())));

        // confirmed by the broker each time, and returned each time: no queue is bound to the routing key
        awaitTrue(Duration.ofSeconds(60), () -> attempts(eventId) >= 3);
        assertThat(sentAt(eventId)).isNull();
        assertThat(db.select(OUTBOX.LAST_ERROR).from(OUTBOX).where(OUTBOX.EVENT_ID.eq(eventId))
                .fetchSingle(OUTBOX.LAST_ERROR))
                .startsWith("no queue took it (meetings/" + routingKey + ": 312 NO_ROUTE");
        assertThat(log.getOut().split("outbox message " + eventId + " was returned", -1)).hasSize(2); // warned once

        CachingConnectionFactory direct = directConnection();
        try {
            RabbitAdmin admin = new RabbitAdmin(direct);
            Queue consumer = new Queue("test.unrouted." + UUID.randomUUID(), false, false, true);
            admin.declareQueue(consumer);
            admin.declareBinding(BindingBuilder.bind(consumer).to(new TopicExchange(Topology.MEETINGS_EXCHANGE))
                    .with(routingKey));

            awaitTrue(Duration.ofSeconds(60), () -> sentAt(eventId) != null);
            Message message = new RabbitTemplate(direct).receive(consumer.getName(), 30_000);

            assertThat(message).isNotNull();
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(eventId);
        } finally {
            direct.destroy();
        }
    }

    int attempts(String eventId) {
        return db.select(OUTBOX.ATTEMPTS).from(OUTBOX).where(OUTBOX.EVENT_ID.eq(eventId)).fetchSingle(OUTBOX.ATTEMPTS);
    }

    Instant sentAt(String eventId) {
        return db.select(OUTBOX.SENT_AT).from(OUTBOX).where(OUTBOX.EVENT_ID.eq(eventId)).fetchSingle(OUTBOX.SENT_AT);
    }

    static CachingConnectionFactory directConnection() {
        var mq = TestServices.broker();
        CachingConnectionFactory factory = new CachingConnectionFactory(mq.host(), mq.port());
        factory.setUsername(mq.user());
        factory.setPassword(mq.password());
        factory.setVirtualHost(mq.virtualHost());
        return factory;
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
