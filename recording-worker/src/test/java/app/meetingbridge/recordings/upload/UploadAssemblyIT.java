package app.meetingbridge.recordings.upload;

import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.UploadCompleted;
import app.meetingbridge.recordings.RecordingsExchange;
import app.meetingbridge.recordings.TestMedia;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.Fixtures;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.testsupport.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
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

/**
 * From {@code upload.completed} (as the gateway sends it once every chunk is stored) to an ended transcript: the
 * real worker, a real S3 API, the shipped ffmpeg, the transcription backend faked at the HTTP level.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.bindings.uploadCompleted-in-0.consumer.back-off-initial-interval=100",
        "spring.cloud.stream.bindings.uploadCompleted-in-0.consumer.back-off-max-interval=200",
        "app.recordings.retry.first-retry=200ms", "app.recordings.retry.longest-retry=400ms",
        "app.recordings.retry.max-attempts=2"})
class UploadAssemblyIT {

    static final String TRANSCRIPTS = "uploads-" + UUID.randomUUID().toString().substring(0, 8);
    static final FakeHttpServer backend = new FakeHttpServer();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
        TestS3 s3 = TestS3.shared();
        s3.createBucket(TRANSCRIPTS);
        registry.add("app.storage.endpoint", () -> s3.endpoint().toString());
        registry.add("app.storage.part-size-mib", () -> "5");
        registry.add("app.storage.transcripts.name", () -> TRANSCRIPTS);
        registry.add("app.storage.transcripts.region", () -> TestS3.REGION);
        registry.add("app.storage.transcripts.access-key-id", () -> TestS3.ACCESS_KEY);
        registry.add("app.storage.transcripts.secret-access-key", () -> TestS3.SECRET_KEY);
        registry.add("app.transcription.url", () -> backend.baseUri().toString());
        registry.add("app.transcription.api-key", () -> "gpu-key");
    }

    @Autowired
    DSLContext db;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    JsonMapper json;

    RabbitTemplate rabbit;
    S3Client s3;

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @BeforeEach
    void clients() {
        rabbit = new RabbitTemplate(connections);
        s3 = TestS3.shared().client();
        backend.reset();
        backend.on("POST", "/v1/audio/transcriptions", request -> Reply.json(200,
                "{\"text\":\"Hello from a file\",\"words\":[{\"word\":\" Hello\",\"start\":0.2,\"end\":0.5},"
                        + "{\"word\":\" from\",\"start\":0.6,\"end\":0.8},{\"word\":\" a\",\"start\":0.9,\"end\":1.0},"
                        + "{\"word\":\" file\",\"start\":1.1,\"end\":1.4}]}"));
    }

    @AfterEach
    void close() {
        s3.close();
    }

    /** A file ffmpeg makes from its test sources (a tone, a picture), in the format its name asks for. */
    static byte[] tone() throws Exception {
        return TestMedia.made("tone.mp3", "-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-c:a", "libmp3lame");
    }

    /** A transcript made by {@code POST /v1/transcripts} whose upload just completed, with its chunks stored. */
    String uploaded(byte[] file, int chunks) {
        String id = Fixtures.aTranscript().ownedBy("alice").inStatus("uploaded").shared("private")
                .with(TRANSCRIPT.NAME, "Upload").with(TRANSCRIPT.SOURCE_KIND, "file").insert(db);
        int size = (file.length + chunks - 1) / chunks;
        for (int n = 0; n < chunks; n++) {
            byte[] part = Arrays.copyOfRange(file, Math.min(file.length, n * size), Math.min(file.length, (n + 1) * size));
            String key = "uploads/" + id + "/chunk-" + n;
            s3.putObject(request -> request.bucket(TRANSCRIPTS).key(key), RequestBody.fromBytes(part));
        }
        return id;
    }

    UploadCompleted completed(String transcriptId, int chunks, long bytes) {
        List<String> keys = new ArrayList<>();
        for (int n = 0; n < chunks; n++) {
            keys.add("uploads/" + transcriptId + "/chunk-" + n);
        }
        return new UploadCompleted("upload-completed:" + UUID.randomUUID(), Instant.now(), transcriptId, TRANSCRIPTS,
                keys, bytes);
    }

    void send(UploadCompleted upload) {
        RecordingsExchange.publish(rabbit, Topology.UPLOAD_COMPLETED, json.writeValueAsBytes(upload));
    }

    TranscriptRecord transcript(String id) {
        return db.fetchOne(TRANSCRIPT, TRANSCRIPT.ID.eq(id));
    }

    List<String> keys(String prefix) {
        return s3.listObjectsV2(request -> request.bucket(TRANSCRIPTS).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    @Test
    void joinsTheChunksIntoTheUploadedFileAndTranscribesItThroughTheRecordingPipeline() throws Exception {
        byte[] file = tone();
        String id = uploaded(file, 5);

        send(completed(id, 5, file.length));

        // the chunks are deleted once the file is handed to the pipeline, which may end first: wait for both
        await(() -> transcript(id).getStatus().equals("ended")
                && keys("uploads/" + id + "/").equals(List.of("uploads/" + id + "/file")));
        assertThat(s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS).key("uploads/" + id + "/file"))
                .asByteArray()).isEqualTo(file);
        TranscriptRecord transcript = transcript(id);
        RecordingRecord recording = db.fetchOne(RECORDING, RECORDING.ID.eq(transcript.getRecordingId()));
        assertThat(recording.getPlatform()).isEqualTo("upload");
        assertThat(recording.getProviderRecordingId()).isEqualTo(id);
        assertThat(recording.getMeetingId()).isNull();
        assertThat(recording.getState()).isEqualTo("done");
        JsonNode topics = json.readTree(transcript.getTopics().data());
        assertThat(topics.get(0).get("transcript").stringValue()).isEqualTo("Hello from a file");
        assertThat(topics.get(0).get("words")).hasSize(4);
        assertThat(transcript.getDurationMs()).isBetween(3900L, 4200L);
        assertThat(keys(id + "/")).contains(id + "/audio.mp3", id + "/audio.json");
        assertThat(transcript.getSourceKind()).isEqualTo("file");
        assertThat(transcript.getUserId()).isEqualTo("alice");
        assertThat(transcript.getErrorReason()).isNull();
    }

    @Test
    void takesARepeatedMessageOnce() throws Exception {
        byte[] file = tone();
        String id = uploaded(file, 3);
        UploadCompleted upload = completed(id, 3, file.length);
        send(upload);
        await(() -> transcript(id).getStatus().equals("ended"));
        int transcriptions = backend.requests("POST", "/v1/audio/transcriptions").size();

        send(upload);
        // one consumer takes the messages in order: once the next upload ended, the repeated one was taken
        String next = uploaded(file, 1);
        send(completed(next, 1, file.length));
        await(() -> transcript(next).getStatus().equals("ended"));

        assertThat(db.fetchCount(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(id))).isEqualTo(1);
        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).hasSize(transcriptions + 1); // the next's
        assertThat(transcript(id).getStatus()).isEqualTo("ended");
        assertThat(keys("uploads/" + id + "/")).containsExactly("uploads/" + id + "/file");
    }

    @Test
    void endsAFileThatSniffsAsMp3ButDoesNotDecodeInErrorWithTheReasonAndDeletesIt() throws Exception {
        byte[] broken = new byte[40_000];
        System.arraycopy("ID3\u0003".getBytes(StandardCharsets.ISO_8859_1), 0, broken, 0, 4);
        String id = uploaded(broken, 2);

        send(completed(id, 2, broken.length));

        // the chunks are deleted after the error is recorded: wait for both
        await(() -> transcript(id).getStatus().equals("error") && keys("uploads/" + id + "/").isEmpty());
        assertThat(transcript(id).getErrorReason()).isEqualTo("The file cannot be decoded as audio or video");
        assertThat(transcript(id).getRecordingId()).isNull();
        assertThat(db.fetchCount(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(id))).isZero();
    }

    @Test
    void endsAVideoWithoutSoundInErrorSayingItHasNoAudioStream() throws Exception {
        byte[] silentVideo = TestMedia.made("picture.mp4", "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=5",
                "-pix_fmt", "yuv420p");
        String id = uploaded(silentVideo, 1);

        send(completed(id, 1, silentVideo.length));

        await(() -> transcript(id).getStatus().equals("error") && keys("uploads/" + id + "/").isEmpty());
        assertThat(transcript(id).getErrorReason()).isEqualTo("The file has no audio stream");
    }

    @Test
    void deadLettersAMessageNamingObjectsOutsideItsUploadAndTouchesNothing() throws Exception {
        byte[] file = tone();
        String victim = uploaded(file, 1);
        s3.putObject(request -> request.bucket(TRANSCRIPTS).key(victim + "/audio.mp3"), RequestBody.fromBytes(file));
        String id = uploaded(file, 1);
        UploadCompleted reachingOut = new UploadCompleted("upload-completed:" + UUID.randomUUID(), Instant.now(), id,
                TRANSCRIPTS, List.of(victim + "/audio.mp3", "uploads/" + victim + "/chunk-0"), file.length * 2L);

        send(reachingOut);

        await(() -> dlq().contains(id));
        assertThat(keys(victim + "/")).containsExactly(victim + "/audio.mp3");
        assertThat(keys("uploads/" + victim + "/")).containsExactly("uploads/" + victim + "/chunk-0");
        assertThat(transcript(id).getStatus()).isEqualTo("uploaded");
        assertThat(transcript(id).getRecordingId()).isNull();
    }

    @Test
    void deadLettersAMessageThatIsNotAnUploadCompleted() {
        String marker = "not-an-upload-" + UUID.randomUUID();
        RecordingsExchange.publish(rabbit, Topology.UPLOAD_COMPLETED,
                ("{\"transcriptId\": [\"" + marker + "\"]").getBytes(StandardCharsets.UTF_8));

        await(() -> dlq().contains(marker));
    }

    /** What the uploads' dead-letter queue holds, read without taking it away (the bodies, one string). */
    String dlq() {
        StringBuilder bodies = new StringBuilder();
        rabbit.execute(channel -> {
            String queue = UploadCompletedListener.QUEUE + ".dlq";
            java.util.List<Long> tags = new ArrayList<>();
            for (var got = channel.basicGet(queue, false); got != null; got = channel.basicGet(queue, false)) {
                bodies.append(new String(got.getBody(), StandardCharsets.UTF_8)).append('\n');
                tags.add(got.getEnvelope().getDeliveryTag());
            }
            for (long tag : tags) {
                channel.basicNack(tag, false, true);
            }
            return null;
        });
        return bodies.toString();
    }
}
