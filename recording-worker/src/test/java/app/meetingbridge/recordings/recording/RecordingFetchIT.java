package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.testsupport.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code recording.ready} in, the recording's objects in the transcript storage and its mixed audio beside its
 * transcript out (real S3 API, real ffmpeg), with the state on the {@code recording} row: fetched once however
 * often the message comes, refused keys never read, and a missing object retried and then dead-lettered.
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

    /** A WebM/Opus tone made by ffmpeg, as Daily writes participant tracks. */
    static byte[] tone(int frequency, double seconds) throws Exception {
        Path file = Files.createTempFile("tone", ".webm");
        try {
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=" + frequency + ":duration=" + seconds, "-c:a", "libopus", file.toString())
                    .redirectErrorStream(true).start();
            assertThat(ffmpeg.waitFor()).as(new String(ffmpeg.getInputStream().readAllBytes())).isZero();
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
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
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new Message(json.writeValueAsBytes(
                new RecordingReady("recording-ready:daily:" + recordingId, Instant.now(), Platform.DAILY, recordingId,
                        meetingId, kind, bucket, keys, Instant.now())), properties));
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
    void fetchesEveryTrackOfARawTracksRecordingAndMixesThemAtTheirOffsets() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String cy = UUID.randomUUID().toString();
        db.insertInto(PARTICIPANT_SESSION).set(PARTICIPANT_SESSION.MEETING_ID, meeting)
                .set(PARTICIPANT_SESSION.SESSION_ID, ada).set(PARTICIPANT_SESSION.USER_NAME, "Ada")
                .set(PARTICIPANT_SESSION.USER_ID, "user-ada").set(PARTICIPANT_SESSION.JOINED_AT, Instant.now()).execute();
        long start = 1732600005500L;
        // Ada from the start for 2 s, Bob from 1.5 s for 1 s, Cy from 4 s for 1.5 s: 5.5 s in all
        List<String> keys = List.of("acme/room/" + start + "-" + ada + "-cam-audio-" + start,
                "acme/room/" + start + "-" + bob + "-cam-audio-" + (start + 1500),
                "acme/room/" + start + "-" + cy + "-cam-audio-" + (start + 4000),
                "acme/room/" + start + "-" + ada + "-screen-audio-" + (start + 100));
        List<byte[]> contents = List.of(tone(440, 2), tone(660, 1), tone(880, 1.5), tone(220, 9));
        for (int i = 0; i < keys.size(); i++) {
            put(keys.get(i), contents.get(i));
        }

        announce(id, meeting, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, keys);

        await(() -> inState(id, "processing") && transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(copy(id, keys.get(i))).isEqualTo(contents.get(i));
        }
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getMeetingId()).isEqualTo(meeting);
        assertThat(transcript.getUserId()).isEqualTo("owner-1");
        assertThat(transcript.getDurationMs()).isBetween(5400L, 5700L);
        JsonNode participants = json.readTree(transcript.getParticipants().data());
        assertThat(participants).hasSize(3);
        assertThat(participants.get(0).get("name").stringValue()).isEqualTo("Ada");
        assertThat(participants.get(0).get("user_id").stringValue()).isEqualTo("user-ada");
        assertThat(participants.get(1).get("name").stringValue()).isEqualTo("Speaker 1");
        assertThat(participants.get(2).get("id").stringValue()).isEqualTo(cy);
        assertThat(participants.get(2).get("speaker").intValue()).isEqualTo(2);
        byte[] mp3 = s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS).key(transcript.getId() + "/audio.mp3"))
                .asByteArray();
        assertThat(mp3.length).isGreaterThan(10_000);
        JsonNode waveform = json.readTree(s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS)
                .key(transcript.getId() + "/audio.json")).asByteArray()).get("data");
        assertThat(waveform).hasSize(255);
        // 3.0–4.0 s is silence (Ada and Bob have stopped, Cy has not started); 0.5–1.5 s is Ada alone
        assertThat(peak(waveform, 3.1, 3.9, transcript.getDurationMs())).isLessThan(0.05);
        assertThat(peak(waveform, 0.5, 1.4, transcript.getDurationMs())).isGreaterThan(0.3);
        assertThat(row(id).getAttempts()).isZero();
        assertThat(row(id).getLastError()).isNull();
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
        String roomId = UUID.randomUUID().toString();
        db.insertInto(ROOM).set(ROOM.ID, roomId).set(ROOM.NAME, "room-" + roomId.substring(0, 8))
                .set(ROOM.USER_ID, "owner-1").set(ROOM.PLATFORM, "daily").execute();
        String meetingId = UUID.randomUUID().toString();
        db.insertInto(MEETING).set(MEETING.ID, meetingId).set(MEETING.ROOM_ID, roomId).set(MEETING.PLATFORM, "daily")
                .set(MEETING.PROVIDER_MEETING_ID, meetingId).set(MEETING.PROVIDER_ROOM_NAME, "room-" + meetingId)
                .set(MEETING.ROOM_URL, "https://acme.daily.co/r").set(MEETING.HOST_ROOM_URL, "https://acme.daily.co/r")
                .set(MEETING.START_DATE, Instant.now()).set(MEETING.END_DATE, Instant.now().plusSeconds(3600))
                .set(MEETING.IS_LOCKED, false).set(MEETING.ROOM_MODE, "normal").set(MEETING.RECORDING_TYPE, "cloud")
                .set(MEETING.RECORDING_TRIGGER, "automatic-2nd-participant").execute();
        return meetingId;
    }

    TranscriptRecord transcriptOf(String recordingId) {
        RecordingRecord recording = row(recordingId);
        return recording == null ? null : db.fetchOne(TRANSCRIPT, TRANSCRIPT.RECORDING_ID.eq(recording.getId()));
    }

    @Test
    void fetchesOnceHoweverOftenTheRecordingIsAnnounced() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        byte[] content = tone(500, 1);
        put(key, content);
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> inState(id, "processing") && transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        s3.deleteObject(request -> request.bucket(DAILY_BUCKET).key(key)); // a second fetch would now fail

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        Thread.sleep(1500);

        assertThat(db.fetchCount(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(id))).isEqualTo(1);
        assertThat(row(id).getState()).isEqualTo("processing");
        assertThat(row(id).getAttempts()).isZero();
        assertThat(copy(id, key)).isEqualTo(content);
        assertThat(db.fetchCount(TRANSCRIPT, TRANSCRIPT.RECORDING_ID.eq(row(id).getId()))).isEqualTo(1);
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

    @Test
    void aTrackFfmpegCannotReadFailsTheAudioStepWhichIsRetriedThenDeadLettered() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/noise-" + id;
        put(key, 50_000); // random bytes, not audio

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> {
            Message parked = rabbit.receive(QUEUE + ".dlq");
            return parked != null && new String(parked.getBody()).contains(id);
        });
        assertThat(row(id).getState()).isEqualTo("failed");
        assertThat(row(id).getLastError()).startsWith("AUDIO").contains("ffmpeg failed");
        assertThat(row(id).getAttempts()).isEqualTo(3);
        assertThat(transcriptOf(id).getStatus()).isEqualTo("error");
    }
}
