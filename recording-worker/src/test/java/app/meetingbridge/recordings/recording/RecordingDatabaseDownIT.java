package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.testsupport.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's database unreachable (cut through a TCP proxy) while a recording arrives: the message is neither
 * lost nor dead-lettered but held and taken again after each outage pause, and once the database is back the
 * recording goes through, its attempts untouched (an outage is not the recording's failure).
 */
@SpringBootTest(properties = {"spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=500", "app.messaging.outage.first-pause=200ms",
        "app.messaging.outage.longest-pause=700ms"})
class RecordingDatabaseDownIT {

    static final TcpProxy database = TestServices.databaseProxy();

    @Autowired
    ConnectionFactory connections;

    @Autowired
    JsonMapper json;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.registerThroughDatabaseProxy(registry, database);
        RecordingTestSupport.storage(registry);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        database.close();
    }

    @Test
    void aRecordingThatArrivesWhileTheDatabaseIsDownIsTakenAgainAndGoesThroughOnceItIsBack() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        try (S3Client s3 = TestS3.shared().client()) {
            s3.putObject(request -> request.bucket(RecordingTestSupport.DAILY_BUCKET).key(key),
                    RequestBody.fromBytes(RecordingTestSupport.tone(480, 1)));
        }
        RabbitTemplate rabbit = new RabbitTemplate(connections);
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);

        database.cut();
        try {
            rabbit.send(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new Message(json.writeValueAsBytes(
                    new RecordingReady("recording-ready:daily:" + id, Instant.now(), Platform.DAILY, id, null,
                            RecordingReady.Kind.CLOUD, RecordingTestSupport.DAILY_BUCKET, List.of(key), Instant.now())),
                    properties));
            // the worker holds the message and tries it again, several times while the database is away
            RecordingTestSupport.await(() -> meters.counter("messaging.outage.retries").count() >= 3);
        } finally {
            database.restore();
        }

        try (CloseableDSLContext db = DSL.using(TestServices.database().url(), TestServices.database().user(),
                TestServices.database().password())) { // straight to the database, not through the cut proxy
            RecordingTestSupport.await(() -> {
                RecordingRecord row = db.fetchOne(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(id));
                return row != null && db.fetchExists(TRANSCRIPT, TRANSCRIPT.RECORDING_ID.eq(row.getId())
                        .and(TRANSCRIPT.STATUS.eq("uploaded")));
            });
            assertThat(db.fetchOne(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(id)).getAttempts()).isZero();
        }
        String dlq = RecordingTestSupport.QUEUE + ".dlq";
        for (Message parked = rabbit.receive(dlq); parked != null; parked = rabbit.receive(dlq)) {
            assertThat(new String(parked.getBody())).doesNotContain(id);
        }
    }
}
