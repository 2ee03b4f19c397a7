package app.meetingbridge.system;

import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.messaging.WireFormat;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.TestS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The worker brings its own ffmpeg: started with a PATH whose {@code ffmpeg} is a stand-in that only fails, it still
 * prepares a recording's audio; and a worker given an ffmpeg that does not run refuses to start, saying why in one
 * line.
 */
class WorkerFfmpegSystemIT {

    static final String DAILY_BUCKET = "daily-recordings";
    static final String TRANSCRIPTS = "transcripts";

    @TempDir
    static Path folder;
    static TestS3 s3;
    static SystemDatabase database;
    static DSLContext db;
    static Deployable worker;
    static CachingConnectionFactory connection;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestS3.start(null);
        s3.createBucket(DAILY_BUCKET);
        s3.createBucket(TRANSCRIPTS);
        database = new SystemDatabase();
        db = database.db;
        Path path = Files.createDirectories(folder.resolve("path"));
        Path standIn = path.resolve("ffmpeg");
        Files.writeString(standIn, "#!/bin/sh\necho 'not the ffmpeg the worker ships' >&2\nexit 1\n");
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> settings = storage();
        settings.put("PATH", path + ":/usr/bin:/bin");
        worker = new Deployable("recording-worker", settings);
        worker.start();
        connection = SystemBroker.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        worker.kill();
        connection.destroy();
        database.close();
        s3.close();
    }

    static Map<String, String> storage() {
        Map<String, String> settings = new HashMap<>(SystemStorage.transcripts(s3, TRANSCRIPTS));
        settings.putAll(Map.of(
                "AWS_DAILY_S3_BUCKET", DAILY_BUCKET,
                "AWS_DAILY_S3_REGION", TestS3.REGION,
                "DAILY_RECORDINGS_PREFIX", "acme/"));
        return settings;
    }

    @Test
    void preparesARecordingsAudioWithTheFfmpegItShipsWhenThePathHasNone() throws Exception {
        String providerId = UUID.randomUUID().toString();
        String key = "acme/room-1/" + providerId + ".webm";
        byte[] tone = RecordingFlowSystemIT.ffmpeg("webm", "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-c:a", "libopus");
        try (S3Client client = s3.client()) {
            client.putObject(request -> request.bucket(DAILY_BUCKET).key(key), RequestBody.fromBytes(tone));
        }
        RabbitTemplate publisher = new RabbitTemplate(connection);
        publisher.setMessageConverter(WireFormat.messageConverter());

        publisher.convertAndSend(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new RecordingReady(
                UUID.randomUUID().toString(), Instant.now(), Platform.DAILY, providerId, null,
                RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key), Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        RecordingFlowSystemIT.await(Duration.ofSeconds(90), "the transcript of the recording has its audio", () ->
                db.select(TRANSCRIPT.STATUS, TRANSCRIPT.DURATION_MS).from(TRANSCRIPT).join(RECORDING)
                        .on(TRANSCRIPT.RECORDING_ID.eq(RECORDING.ID))
                        .where(RECORDING.PROVIDER_RECORDING_ID.eq(providerId)).fetch().stream()
                        .anyMatch(row -> "uploaded".equals(row.value1()) && row.value2() != null));
        Long durationMs = db.select(TRANSCRIPT.DURATION_MS).from(TRANSCRIPT).join(RECORDING)
                .on(TRANSCRIPT.RECORDING_ID.eq(RECORDING.ID)).where(RECORDING.PROVIDER_RECORDING_ID.eq(providerId))
                .fetchSingle().value1();
        assertThat(durationMs).isBetween(1900L, 2200L);
        HttpJson.Response readiness = worker.http().get("/readyz");
        assertThat(readiness.status()).isEqualTo(200);
        // the stream bindings could be stopped through this endpoint: it is not exposed
        assertThat(worker.http().get("/actuator/bindings").status()).isEqualTo(404);
        assertThat(worker.http().post("/actuator/bindings/recordingReady-in-0", "{\"state\":\"STOPPED\"}").status())
                .isEqualTo(404);
    }

    @Test
    void refusesToStartWithAnFfmpegPathThatDoesNotRunAndSaysWhyInOneLine() throws Exception {
        Map<String, String> settings = storage();
        settings.put("FFMPEG_PATH", folder.resolve("nowhere").resolve("ffmpeg").toString());
        Deployable broken = new Deployable("recording-worker", settings);

        String output = broken.startExpectingRefusal(Duration.ofSeconds(120));

        assertThat(output).containsPattern("(?m)^The recording worker needs ffmpeg and it cannot use this one: "
                + "FFMPEG_PATH=\\S*nowhere/ffmpeg does not run \\(.*No such file or directory\\)$");
        assertThat(output).contains("FFMPEG_PATH");
        assertThat(output).doesNotContain("\tat ");
    }
}
