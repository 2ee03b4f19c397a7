package app.meetingbridge.system;

import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.messaging.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * meeting-service killed (kill -9) while it works through a backlog of provider events: the messages it held
 * unacknowledged are delivered again, and after a restart every event is applied exactly once.
 */
class ConsumerCrashSystemIT {

    static final int EVENTS = 3000;

    static Deployable gateway;
    static Deployable meetingService;
    static SystemDatabase database;
    static CachingConnectionFactory connection;

    @BeforeAll
    static void start() throws Exception {
        database = new SystemDatabase();
        gateway = new Deployable("api-gateway", Map.of());
        meetingService = new Deployable("meeting-service", Map.of());
        meetingService.start();
        gateway.start();
        connection = SystemBroker.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.kill();
        meetingService.kill();
        connection.destroy();
        database.close();
    }

    int applied(String prefix) {
        return database.db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.SESSION_ID.like(prefix + "%"));
    }

    @Test
    void appliesEveryEventOnceAcrossAKilledConsumer() throws Exception {
        String room = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.http().post("/v1/rooms", "{\"name\":\"" + room + "\"}");
        String providerRoom = gateway.http().post("/v1/rooms/" + room + "/meeting", "{}").json().get("room_name").stringValue();
        RabbitTemplate rabbit = new RabbitTemplate(connection);
        rabbit.setMessageConverter(WireFormat.messageConverter());
        String prefix = "crash-" + UUID.randomUUID() + "-";

        for (int i = 0; i < EVENTS; i++) {
            rabbit.convertAndSend(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.PARTICIPANT_JOINED, new ParticipantJoined(
                    prefix + i, Instant.now(), Platform.MOCK, providerRoom, null, prefix + i, null, null, Instant.now(), null));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (applied(prefix) < EVENTS / 10 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        meetingService.kill();
        int beforeRestart = applied(prefix);
        meetingService.start();
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (applied(prefix) < EVENTS && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(beforeRestart).isLessThan(EVENTS);
        assertThat(applied(prefix)).isEqualTo(EVENTS);
        var admin = new org.springframework.amqp.rabbit.core.RabbitAdmin(connection);
        assertThat(admin.getQueueInfo(Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service.dlq").getMessageCount()).isZero();
    }
}
