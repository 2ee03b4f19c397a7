package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.MEETING_CONSENT;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.testsupport.Fixtures.aRoom;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.recordings.RecordingsExchange;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.ConsentRefused;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.recordings.TestMedia;
import app.meetingbridge.testsupport.Fixtures;
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
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Base of recording-worker's integration tests: the real worker, a real S3 API (s3proxy), the real shipped ffmpeg. */
@SpringBootTest(properties = {
        "spring.cloud.stream.bindings.recordingReady-in-0.consumer.back-off-initial-interval=100",
        "spring.cloud.stream.bindings.recordingReady-in-0.consumer.back-off-max-interval=200",
        "app.recordings.retry.first-retry=200ms", "app.recordings.retry.longest-retry=400ms",
        "app.recordings.retry.max-attempts=3"})
public abstract class RecordingTestSupport {

    static final String DAILY_BUCKET = "daily-recordings";
    static final String TRANSCRIPTS = "transcripts-" + UUID.randomUUID().toString().substring(0, 8);
    static final String QUEUE = Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
        storage(registry);
    }

    /** The transcript storage and the Daily bucket on the shared s3proxy. */
    static void storage(DynamicPropertyRegistry registry) {
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

    /** A WebM/Opus tone made by ffmpeg, as Daily writes participant tracks. */
    static byte[] tone(int frequency, double seconds) throws Exception {
        return TestMedia.made("tone.webm", "-f", "lavfi", "-i", "sine=frequency=" + frequency + ":duration=" + seconds,
                "-c:a", "libopus");
    }

    void put(String key, byte[] content) {
        s3.putObject(request -> request.bucket(DAILY_BUCKET).key(key), RequestBody.fromBytes(content));
    }

    byte[] put(String key, int size) {
        byte[] content = new byte[size];
        new Random(key.hashCode()).nextBytes(content);
        s3.putObject(request -> request.bucket(DAILY_BUCKET).key(key), RequestBody.fromBytes(content));
        return content;
    }

    void announce(String recordingId, RecordingReady.Kind kind, String bucket, List<String> keys) {
        announce(recordingId, null, kind, bucket, keys);
    }

    void announce(String recordingId, String meetingId, RecordingReady.Kind kind, String bucket, List<String> keys) {
        RecordingsExchange.publish(rabbit, Topology.RECORDING_READY, json.writeValueAsBytes(
                new RecordingReady("recording-ready:daily:" + recordingId, Instant.now(), Platform.DAILY, recordingId,
                        meetingId, kind, bucket, keys, Instant.now())));
    }

    /** What the gateway does on {@code POST /v1/transcripts/{id}/process}: claim the transcript, ask the worker. */
    void reprocess(String recordingId) {
        TranscriptRecord transcript = transcriptOf(recordingId);
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "processing").where(TRANSCRIPT.ID.eq(transcript.getId())).execute();
        RecordingsExchange.publish(rabbit, Topology.RECORDING_REPROCESS, json.writeValueAsBytes(
                new app.meetingbridge.events.recording.ReprocessRequested("reprocess-" + UUID.randomUUID(),
                        Instant.now(), transcript.getId(), row(recordingId).getId())));
    }

    /** A participant's decision on keeping the meeting's audio, as the gateway records it (an anonymous one). */
    void consent(String meeting, boolean given) {
        db.insertInto(MEETING_CONSENT).set(MEETING_CONSENT.ID, UUID.randomUUID().toString())
                .set(MEETING_CONSENT.MEETING_ID, meeting).set(MEETING_CONSENT.CONSENT_GIVEN, given)
                .set(MEETING_CONSENT.CONSENT_TIMESTAMP, Instant.now()).execute();
    }

    /** What the gateway does when someone refuses: records the decision, then tells the worker. */
    void refuseConsentNow(String meeting) {
        consent(meeting, false);
        consentRefused(meeting);
    }

    void consentRefused(String meeting) {
        RecordingsExchange.publish(rabbit, Topology.CONSENT_REFUSED, json.writeValueAsBytes(
                new ConsentRefused("consent-refused:" + UUID.randomUUID(), Instant.now(), meeting)));
    }

    /** The keys in {@code bucket} that start with {@code prefix}. */
    List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    RecordingRecord row(String recordingId) {
        return db.fetchOne(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(recordingId));
    }

    byte[] copy(String recordingId, String key) {
        return s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS)
                .key("recordings/" + row(recordingId).getId() + "/" + key)).asByteArray();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s");
            }
            Thread.sleep(50);
        }
    }

    boolean inState(String recordingId, String state) {
        RecordingRecord row = row(recordingId);
        return row != null && state.equals(row.getState());
    }

    static double peak(JsonNode waveform, double fromSeconds, double toSeconds, long durationMs) {
        double peak = 0;
        for (int i = 0; i < waveform.size(); i++) {
            double at = (i + 0.5) * durationMs / 1000.0 / waveform.size();
            if (at >= fromSeconds && at <= toSeconds) {
                peak = Math.max(peak, waveform.get(i).doubleValue());
            }
        }
        return peak;
    }

    String aMeeting() {
        String roomId = aRoom().onPlatform("daily").insert(db);
        Instant now = Instant.now();
        return Fixtures.aMeeting().inRoom(roomId).onPlatform("daily").endingAt(now.plusSeconds(3600)).startedAt(now)
                .with(MEETING.ROOM_URL, "https://acme.daily.co/r").with(MEETING.HOST_ROOM_URL, "https://acme.daily.co/r")
                .insert(db);
    }

    TranscriptRecord transcriptOf(String recordingId) {
        RecordingRecord recording = row(recordingId);
        return recording == null ? null : db.fetchOne(TRANSCRIPT, TRANSCRIPT.RECORDING_ID.eq(recording.getId()));
    }
}
