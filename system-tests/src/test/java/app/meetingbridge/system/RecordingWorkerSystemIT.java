package app.meetingbridge.system;

import static app.meetingbridge.db.Tables.RECORDING;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.messaging.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** recording-worker starts, declares its queues and takes each recording in once. */
class RecordingWorkerSystemIT {

    static Deployable worker;
    static CachingConnectionFactory connection;
    static SystemDatabase database;
    static DSLContext db;

    @BeforeAll
    static void start() throws Exception {
        worker = new Deployable("recording-worker", Map.of());
        worker.start();
        connection = SystemBroker.connect();
        database = new SystemDatabase();
        db = database.db;
    }

    @AfterAll
    static void stop() throws Exception {
        worker.kill();
        connection.destroy();
        database.close();
    }

    static RabbitTemplate publisher() {
        RabbitTemplate template = new RabbitTemplate(connection);
        template.setMessageConverter(WireFormat.messageConverter());
        return template;
    }

    @Test
    void declaresItsQuorumQueueAndDeadLetterQueue() {
        RabbitAdmin admin = new RabbitAdmin(connection);

        assertThat(admin.getQueueInfo(Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP)).isNotNull();
        assertThat(admin.getQueueInfo(Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP + ".dlq")).isNotNull();
        assertThat(admin.getQueueInfo(Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP).getConsumerCount())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void takesInARecordingOnceHoweverOftenItIsAnnounced() throws Exception {
        String providerId = UUID.randomUUID().toString();
        RecordingReady ready = new RecordingReady(UUID.randomUUID().toString(), Instant.now(), Platform.DAILY,
                providerId, null, RecordingReady.Kind.RAW_TRACKS, "daily-recordings",
                List.of("acme/room-1/1700000000000-track-a.webm", "acme/room-1/1700000000000-track-b.webm"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));

        publisher().convertAndSend(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, ready);
        publisher().convertAndSend(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, ready);

        // the queue has one consumer, which takes it in order: once a recording announced after the two is taken in,
        // both of them have been dealt with
        String sentinel = UUID.randomUUID().toString();
        publisher().convertAndSend(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new RecordingReady(
                UUID.randomUUID().toString(), Instant.now(), Platform.DAILY, sentinel, null, RecordingReady.Kind.CLOUD,
                "daily-recordings", List.of("acme/room-1/sentinel.mp4"), Instant.now()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (db.fetchCount(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(sentinel)) == 0) {
            assertThat(System.nanoTime()).as("the sentinel recording taken in within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        var rows = db.selectFrom(RECORDING).where(RECORDING.PROVIDER_RECORDING_ID.eq(providerId)).fetch();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getState()).isEqualTo("discovered");
        assertThat(rows.get(0).getRecordingType()).isEqualTo("raw-tracks");
        assertThat(rows.get(0).getTrackKeys().data()).contains("track-b.webm");
    }
}
