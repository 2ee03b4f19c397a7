package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.RECORDING;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.testsupport.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code recording.ready} in, the recording's objects in the transcript storage out, with the state on the
 * {@code recording} row: fetched once however often the message comes, refused keys never read, and a missing
 * object retried and then dead-lettered.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.bindings.recordingReady-in-0.consumer.back-off-initial-interval=100",
        "spring.cloud.stream.bindings.recordingReady-in-0.consumer.back-off-max-interval=200"})
class RecordingFetchIT {

    static final String DAILY_BUCKET = "daily-recordings";
    static final String TRANSCRIPTS = "transcripts-" + UUID.randomUUID().toString().substring(0, 8);
    static final String QUEUE = Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
        TestS3 s3 = TestS3.shared();
        s3.createBucket(DAILY_BUCKET);
        s3.createBucket(TRANSCRIPTS);
        registry.add("app.storage.endpoint", () -> s3.endpoint().toString());
        registry.add("app.storage.part-size-mib", () -> "5");
        registry.add("app.storage.transcripts.name", () -> TRANSCRIPTS);
        registry.add("app.storage.transcripts.region", () -> TestS3.REGION);
        registry.add("app.storage.transcripts.access-key-id", () -> TestS3.ACCESS_KEY);
        registry.add("app.storage.transcripts.secret-access-key", () -> TestS3.SECRET_KEY);
        registry.add("app.storage.sources.daily.name", () -> DAILY_BUCKET);
        registry.add("app.storage.sources.daily.region", () -> TestS3.REGION);
        registry.add("app.storage.sources.daily.prefix", () -> "acme/");
    }

    @Autowired
    DSLContext db;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    JsonMapper json;

    RabbitTemplate rabbit;
    RabbitAdmin admin;
    S3Client s3;

    @BeforeEach
    void clients() {
        rabbit = new RabbitTemplate(connections);
        admin = new RabbitAdmin(connections);
        s3 = TestS3.shared().client();
    }

    @AfterEach
    void close() {
        s3.close();
    }

    byte[] put(String key, int size) {
        byte[] content = new byte[size];
        new Random(key.hashCode()).nextBytes(content);
        s3.putObject(request -> request.bucket(DAILY_BUCKET).key(key), RequestBody.fromBytes(content));
        return content;
    }

    void announce(String recordingId, RecordingReady.Kind kind, String bucket, List<String> keys) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new Message(json.writeValueAsBytes(
                new RecordingReady("recording-ready:daily:" + recordingId, Instant.now(), Platform.DAILY, recordingId,
                        null, kind, bucket, keys, Instant.now())), properties));
    }

    RecordingRecord row(String recordingId) {
        return db.fetchOne(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(recordingId));
    }

    byte[] copy(String recordingId, String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS)
                .key("recordings/" + row(recordingId).getId() + "/" + name)).asByteArray();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(50);
        }
    }

    boolean inState(String recordingId, String state) {
        RecordingRecord row = row(recordingId);
        return row != null && state.equals(row.getState());
    }

    @Test
    void fetchesEveryTrackOfARawTracksRecordingIntoTheTranscriptStorage() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        List<String> keys = List.of("acme/room/1732600005500-p1-cam-audio-1732600006000",
                "acme/room/1732600005500-p2-cam-audio-1732600007000", "acme/room/1732600005500-p3-cam-audio-1732600008000");
        List<byte[]> contents = List.of(put(keys.get(0), 6 * 1024 * 1024), put(keys.get(1), 300_000), put(keys.get(2), 1));

        announce(id, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, keys);

        await(() -> inState(id, "fetched"));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(copy(id, keys.get(i))).isEqualTo(contents.get(i));
        }
        assertThat(row(id).getAttempts()).isZero();
        assertThat(row(id).getLastError()).isNull();
    }

    @Test
    void fetchesOnceHoweverOftenTheRecordingIsAnnounced() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        byte[] content = put(key, 2_000_000);
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> inState(id, "fetched"));
        s3.deleteObject(request -> request.bucket(DAILY_BUCKET).key(key)); // a second fetch would now fail

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        Thread.sleep(1500);

        assertThat(db.fetchCount(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(id))).isEqualTo(1);
        assertThat(row(id).getState()).isEqualTo("fetched");
        assertThat(copy(id, key)).isEqualTo(content);
    }

    @Test
    void refusesKeysOutsideTheProviderBucketOrPrefixWithoutRetrying() throws Exception {
        String otherBucket = "rec-" + UUID.randomUUID();
        String outsidePrefix = "rec-" + UUID.randomUUID();
        put("elsewhere/secret", 10);

        announce(otherBucket, RecordingReady.Kind.CLOUD, "someone-elses-bucket", List.of("acme/room/x"));
        announce(outsidePrefix, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of("acme/../elsewhere/secret"));

        await(() -> inState(otherBucket, "failed") && inState(outsidePrefix, "failed"));
        assertThat(row(otherBucket).getLastError()).startsWith("REFUSED").contains("someone-elses-bucket");
        assertThat(row(outsidePrefix).getLastError()).startsWith("REFUSED");
        assertThat(row(outsidePrefix).getAttempts()).isEqualTo(1);
        assertThat(row(outsidePrefix).getNextRetryAt()).isNull();
        assertThat(s3.listObjectsV2(request -> request.bucket(TRANSCRIPTS).prefix("recordings/" + row(outsidePrefix).getId()))
                .contents()).isEmpty();
    }

    @Test
    void retriesAMissingObjectWithBackoffThenParksItInTheDeadLetterQueue() throws Exception {
        String id = "rec-" + UUID.randomUUID();

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of("acme/room/not-there-" + id));

        await(() -> {
            Message parked = rabbit.receive(QUEUE + ".dlq");
            return parked != null && new String(parked.getBody()).contains(id);
        });
        RecordingRecord row = row(id);
        assertThat(row.getState()).isEqualTo("failed");
        assertThat(row.getAttempts()).isEqualTo(3);
        assertThat(row.getLastError()).startsWith("MISSING");
        assertThat(row.getNextRetryAt()).isAfter(Instant.now().plusSeconds(60));
    }
}
