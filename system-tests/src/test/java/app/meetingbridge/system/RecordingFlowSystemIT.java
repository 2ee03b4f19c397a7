package app.meetingbridge.system;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.meetingbridge.ffmpeg.ShippedFfmpeg;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.groups.Tuple;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Recordings end to end across the three deployables, from Daily's signed {@code recording.ready-to-download}
 * webhook at the gateway (and Daily's {@code GET /recordings}, read by meeting-service's poller) to an ended
 * transcript read through the gateway's API: recording-worker fetches the objects from a real S3 API (s3proxy),
 * mixes them with real ffmpeg and has a faked transcription backend hear them. Daily and the backend are faked at
 * the HTTP level; the audio is tones ffmpeg makes here.
 */
class RecordingFlowSystemIT {

    static final String DAILY_SECRET = aSecret();
    static final String DAILY_BUCKET = "daily-recordings";
    static final String TRANSCRIPTS = "transcripts";
    static final String DOMAIN = "acme";
    static final Duration PROCESSED_WITHIN = Duration.ofSeconds(90);

    static final FakeHttpServer daily = new FakeHttpServer();
    static final FakeHttpServer backend = new FakeHttpServer();
    /** The recordings Daily's {@code GET /recordings} lists, newest first, as Daily spells them. */
    static final List<String> listedByDaily = new CopyOnWriteArrayList<>();
    static final List<String> rooms = new CopyOnWriteArrayList<>();
    static TestS3 s3;
    static SystemDatabase database;
    static DSLContext db;
    static Deployable gateway;
    static Deployable meetingService;
    static Deployable worker;
    static HttpJson api;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestS3.start(null);
        s3.createBucket(DAILY_BUCKET);
        s3.createBucket(TRANSCRIPTS);
        database = new SystemDatabase();
        db = database.db;
        daily.on("GET", "/recordings", request -> Reply.json(200, request.query() != null
                && request.query().contains("starting_after") ? "{\"total_count\":0,\"data\":[]}"
                : "{\"total_count\":" + listedByDaily.size() + ",\"data\":[" + String.join(",", listedByDaily) + "]}"));
        daily.on("GET", "/rooms/.*/presence", Reply.json(200, "{\"total_count\":0,\"data\":[]}"));
        daily.on("DELETE", "/rooms/.*", Reply.json(200, "{\"deleted\":true}"));
        Map<String, String> storage = SystemStorage.transcripts(s3, TRANSCRIPTS);
        gateway = new Deployable("api-gateway", with(storage, Map.of(
                "DAILY_API_KEY", "daily-key",
                "DAILY_WEBHOOK_SECRET", DAILY_SECRET)));
        meetingService = new Deployable("meeting-service", Map.of(
                "DAILY_API_KEY", "daily-key",
                "DAILY_API_URL", daily.baseUri().toString(),
                "DAILYCO_STORAGE_AWS_BUCKET_NAME", DAILY_BUCKET,
                "DAILYCO_STORAGE_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/daily-recordings",
                "DAILY_RECORDINGS_POLL_INTERVAL", "2s",
                // the first poll 1 s after start-up rather than 30 s
                "RECORDINGS_POLL_INITIAL_DELAY", "1s"));
        worker = new Deployable("recording-worker", with(storage, Map.of(
                "AWS_DAILY_S3_BUCKET", DAILY_BUCKET,
                "AWS_DAILY_S3_REGION", TestS3.REGION,
                "DAILY_RECORDINGS_PREFIX", DOMAIN + "/",
                "TRANSCRIPT_BACKEND_URL", backend.baseUri().toString(),
                "RECORDING_RETRY_FIRST", "1s",
                "RECORDING_RETRY_LONGEST", "2s")));
        meetingService.start();
        worker.start();
        gateway.start();
        api = gateway.http();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.kill();
        meetingService.kill();
        worker.kill();
        // rooms on Daily would stop a later meeting-service without Daily from starting
        db.deleteFrom(ROOM).where(ROOM.ID.in(rooms)).execute();
        database.close();
        daily.close();
        backend.close();
        s3.close();
    }

    /** The backend hears the same two words at the same times in every file it is sent. */
    @BeforeEach
    void backendHearsHelloThere() {
        backend.reset();
        backend.on("POST", "/v1/audio/transcriptions", Reply.json(200, "{\"text\":\"Hello there\",\"words\":["
                + "{\"word\":\" Hello\",\"start\":0.2,\"end\":0.5},{\"word\":\" there\",\"start\":0.6,\"end\":0.9}]}"));
    }

    @Test
    void aCloudRecordingDailyAnnouncesBecomesAnEndedTranscriptReadThroughTheApi() throws Exception {
        Meeting meeting = aDailyMeeting("alice");
        String recordingId = UUID.randomUUID().toString();
        long startMs = Instant.now().minusSeconds(60).toEpochMilli() / 1000 * 1000;
        String key = DOMAIN + "/" + meeting.providerRoomName() + "/" + startMs;
        putInDailyBucket(key, ffmpeg("mp4", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-f", "lavfi", "-i",
                "color=c=navy:s=160x120:r=15:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest"));

        Response webhook = postSignedWebhook(event("recording.ready-to-download", """
                {"type":"cloud","recording_id":"%s","room_name":"%s","start_ts":%d,"status":"finished",
                 "max_participants":1,"duration":3,"s3_key":"%s"}"""
                .formatted(recordingId, meeting.providerRoomName(), startMs / 1000, key)));

        assertThat(webhook.status()).as(webhook.toString()).isEqualTo(200);
        JsonNode listed = awaitEndedTranscriptOf(meeting);
        String transcriptId = listed.get("id").stringValue();
        JsonNode transcript = api.get("/v1/transcripts/" + transcriptId).json();
        assertThat(transcript.get("status").stringValue()).isEqualTo("ended");
        assertThat(transcript.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(transcript.get("room_id").stringValue()).isEqualTo(meeting.roomId());
        assertThat(transcript.get("share_mode").stringValue()).isEqualTo("public");
        assertThat(transcript.get("duration").doubleValue()).isBetween(2900.0, 3200.0);
        assertThat(transcript.get("transcript").stringValue()).isEqualTo("Speaker 0: Hello there");
        assertThat(transcript.get("participants")).hasSize(1);
        JsonNode topics = api.get("/v1/transcripts/" + transcriptId + "/topics/with-words").json();
        assertThat(topics).hasSize(1);
        assertThat(words(topics.get(0))).containsExactly(tuple("Hello", 0.2, 0.5, 0), tuple("there", 0.6, 0.9, 0));
        Response mp3 = api.get("/v1/transcripts/" + transcriptId + "/audio/mp3");
        assertThat(mp3.status()).isEqualTo(200);
        assertThat(mp3.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(api.get("/v1/transcripts/" + transcriptId + "/audio/waveform").json().get("data")).hasSize(255);
        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).hasSize(1);
        var recording = db.fetchSingle(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(recordingId));
        assertThat(recording.getState()).isEqualTo("done");
        assertThat(recording.getMeetingId()).isEqualTo(meeting.id());
        assertThat(recording.getAttempts()).isZero();
    }

    @Test
    void aRawTracksRecordingAnnouncedTwiceAndFoundByThePollerBecomesOneTranscriptWithASpeakerPerTrack() throws Exception {
        Meeting meeting = aDailyMeeting("bob");
        String recordingId = UUID.randomUUID().toString();
        long startMs = Instant.now().minusSeconds(120).toEpochMilli() / 1000 * 1000;
        // Ada speaks from the start for 3 s, Bob from 1.5 s for 2 s, Cy from 4 s for 2 s: 6 s in all
        List<Track> tracks = List.of(new Track("Ada", UUID.randomUUID().toString(), 0, 440, 3),
                new Track("Bob", UUID.randomUUID().toString(), 1500, 660, 2),
                new Track("Cy", UUID.randomUUID().toString(), 4000, 880, 2));
        for (Track track : tracks) {
            postSignedWebhook(event("participant.joined", """
                    {"joined_at":%d,"session_id":"%s","room":"%s","user_id":"user-%s","user_name":"%s","owner":false,
                     "will_eject_at":null,"permissions":{}}""".formatted(startMs / 1000 - 30, track.sessionId(),
                    meeting.providerRoomName(), track.name().toLowerCase(), track.name())));
        }
        await(Duration.ofSeconds(30), "meeting-service stores the three participants", () ->
                db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meeting.id())) == 3);
        List<String> trackList = new ArrayList<>();
        for (Track track : tracks) {
            String key = DOMAIN + "/" + meeting.providerRoomName() + "/" + startMs + "-" + track.sessionId()
                    + "-cam-audio-" + (startMs + track.offsetMs());
            byte[] audio = ffmpeg("webm", "-f", "lavfi", "-i", "sine=frequency=" + track.frequency() + ":duration="
                    + track.seconds(), "-c:a", "libopus");
            putInDailyBucket(key, audio);
            trackList.add("{\"type\":\"audio\",\"s3Key\":\"" + key + "\",\"size\":" + audio.length + "}");
            trackList.add("{\"type\":\"video\",\"s3Key\":\"" + key.replace("-cam-audio-", "-cam-video-") + "\",\"size\":90000}");
        }
        String tracksJson = "[" + String.join(",", trackList) + "]";
        String readyToDownload = event("recording.ready-to-download", """
                {"type":"raw-tracks","recording_id":"%s","room_name":"%s","start_ts":%d,"status":"finished",
                 "max_participants":3,"duration":6,"s3_key":"%s/%s/%d","tracks":%s}"""
                .formatted(recordingId, meeting.providerRoomName(), startMs / 1000, DOMAIN, meeting.providerRoomName(),
                        startMs, tracksJson));

        // Daily lists it and sends its webhook, then sends the webhook again (our 200 did not reach it)
        listedByDaily.add(0, """
                {"id":"%s","room_name":"%s","start_ts":%d,"status":"finished","max_participants":3,"duration":6,
                 "s3key":"%s/%s/%d","mtgSessionId":"%s","tracks":%s}"""
                .formatted(recordingId, meeting.providerRoomName(), startMs / 1000, DOMAIN, meeting.providerRoomName(),
                        startMs, UUID.randomUUID(), tracksJson));
        Response first = postSignedWebhook(readyToDownload);
        Response again = postSignedWebhook(readyToDownload);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        JsonNode listed = awaitEndedTranscriptOf(meeting);
        // the poller (it lists only this recording) finds it twice more: one pass began after the transcript ended
        double afterEnded = pollerAnnouncements();
        await(Duration.ofSeconds(30), "the poller announces the recording again", () ->
                pollerAnnouncements() >= afterEnded + 2);

        assertThat(db.fetchCount(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(recordingId))).isEqualTo(1);
        var recording = db.fetchSingle(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(recordingId));
        assertThat(recording.getState()).isEqualTo("done");
        assertThat(recording.getRecordingType()).isEqualTo("raw-tracks");
        assertThat(recording.getMeetingId()).isEqualTo(meeting.id());
        assertThat(db.fetchCount(TRANSCRIPT, TRANSCRIPT.RECORDING_ID.eq(recording.getId()))).isEqualTo(1);
        assertThat(api.get("/v1/transcripts?meeting_id=" + meeting.id()).json().get("total").intValue()).isEqualTo(1);
        assertThat(db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.PROVIDER.eq("daily")
                .and(WEBHOOK_INBOX.EVENT_ID.eq(HttpJson.parse(readyToDownload).get("id").stringValue())))).isEqualTo(1);
        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).as("one transcription per track, once")
                .hasSize(3);

        String transcriptId = listed.get("id").stringValue();
        JsonNode transcript = api.get("/v1/transcripts/" + transcriptId).json();
        assertThat(transcript.get("status").stringValue()).isEqualTo("ended");
        assertThat(transcript.get("user_id").stringValue()).isEqualTo("bob");
        assertThat(transcript.get("duration").doubleValue()).isBetween(5900.0, 6200.0);
        assertThat(transcript.get("participants")).extracting(p -> p.get("id").stringValue(),
                        p -> p.get("speaker").intValue(), p -> p.get("name").stringValue(), p -> p.get("user_id").stringValue())
                .containsExactly(tuple(tracks.get(0).sessionId(), 0, "Ada", "user-ada"),
                        tuple(tracks.get(1).sessionId(), 1, "Bob", "user-bob"),
                        tuple(tracks.get(2).sessionId(), 2, "Cy", "user-cy"));
        assertThat(transcript.get("transcript").stringValue())
                .isEqualTo("Ada: Hello there\nBob: Hello there\nCy: Hello there");
        JsonNode topics = api.get("/v1/transcripts/" + transcriptId + "/topics/with-words").json();
        assertThat(topics).hasSize(1);
        assertThat(words(topics.get(0))).containsExactly(
                tuple("Hello", 0.2, 0.5, 0), tuple("there", 0.6, 0.9, 0),
                tuple("Hello", 1.7, 2.0, 1), tuple("there", 2.1, 2.4, 1),
                tuple("Hello", 4.2, 4.5, 2), tuple("there", 4.6, 4.9, 2));
        assertThat(topics.get(0).get("segments")).extracting(s -> s.get("speaker").intValue(), s -> s.get("start").doubleValue())
                .containsExactly(tuple(0, 0.2), tuple(1, 1.7), tuple(2, 4.2));
    }

    record Meeting(String id, String roomId, String providerRoomName) {
    }

    /** A participant's raw track: its session, when it starts after the recording does, and its tone. */
    record Track(String name, String sessionId, long offsetMs, int frequency, int seconds) {
    }

    /** A room of {@code owner}'s on Daily and its meeting, as the gateway and meeting-service store them. */
    static Meeting aDailyMeeting(String owner) {
        String roomId = UUID.randomUUID().toString();
        String name = "rec-" + roomId.substring(0, 8);
        db.insertInto(ROOM).set(ROOM.ID, roomId).set(ROOM.NAME, name).set(ROOM.USER_ID, owner)
                .set(ROOM.PLATFORM, "daily").execute();
        rooms.add(roomId);
        String meetingId = UUID.randomUUID().toString();
        String providerRoomName = name + "-20261126090000-" + meetingId.substring(0, 8);
        Instant now = Instant.now();
        db.insertInto(MEETING).set(MEETING.ID, meetingId).set(MEETING.ROOM_ID, roomId).set(MEETING.PLATFORM, "daily")
                .set(MEETING.PROVIDER_MEETING_ID, UUID.randomUUID().toString())
                .set(MEETING.PROVIDER_ROOM_NAME, providerRoomName)
                .set(MEETING.ROOM_URL, "https://" + DOMAIN + ".daily.co/" + providerRoomName)
                .set(MEETING.HOST_ROOM_URL, "https://" + DOMAIN + ".daily.co/" + providerRoomName)
                .set(MEETING.START_DATE, now.minus(Duration.ofMinutes(10))).set(MEETING.END_DATE, now.plus(Duration.ofHours(8)))
                .set(MEETING.IS_LOCKED, false).set(MEETING.ROOM_MODE, "normal").set(MEETING.RECORDING_TYPE, "cloud")
                .set(MEETING.RECORDING_TRIGGER, "automatic-2nd-participant").execute();
        return new Meeting(meetingId, roomId, providerRoomName);
    }

    /** Daily's envelope around {@code payload}, with a new event id. */
    static String event(String type, String payload) {
        long now = Instant.now().getEpochSecond();
        return "{\"version\":\"1.0.0\",\"type\":\"" + type + "\",\"id\":\"" + type.replace('.', '-') + "-" + UUID.randomUUID()
                + "-" + now + "\",\"payload\":" + payload + ",\"event_ts\":" + now + ".5}";
    }

    /** POSTs the event as Daily does: base64 HMAC-SHA256, keyed with the decoded secret, over timestamp + "." + body. */
    static Response postSignedWebhook(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(DAILY_SECRET), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
        return api.post("/v1/daily/webhook", body, Map.of("X-Webhook-Timestamp", timestamp, "X-Webhook-Signature", signature));
    }

    /** The meeting's one transcript as the gateway lists it, once it has ended. */
    static JsonNode awaitEndedTranscriptOf(Meeting meeting) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        await(PROCESSED_WITHIN, "the meeting's transcript ends", () -> {
            JsonNode items = api.get("/v1/transcripts?meeting_id=" + meeting.id()).json().get("items");
            found[0] = items.isEmpty() ? null : items.get(0);
            return found[0] != null && found[0].get("status").stringValue().equals("ended");
        });
        return found[0];
    }

    /** How many finished recordings meeting-service's poller has announced so far. */
    static double pollerAnnouncements() {
        Response metric = meetingService.management().get("/actuator/metrics/recordings.poll.announced?tag=provider:daily");
        if (metric.status() == 404) {
            return 0;
        }
        for (JsonNode measurement : metric.json().get("measurements")) {
            if (measurement.get("statistic").stringValue().equals("COUNT")) {
                return measurement.get("value").doubleValue();
            }
        }
        throw new AssertionError("no COUNT in " + metric);
    }

    static List<Tuple> words(JsonNode topic) {
        return StreamSupport.stream(topic.get("words").spliterator(), false)
                .map(word -> tuple(word.get("text").stringValue(), word.get("start").doubleValue(),
                        word.get("end").doubleValue(), word.get("speaker").intValue()))
                .collect(Collectors.toList());
    }

    /** A file ffmpeg makes with these arguments, in the container the extension names. */
    static byte[] ffmpeg(String extension, String... arguments) throws Exception {
        Path file = Files.createTempFile("recording", "." + extension);
        try {
            List<String> command = new ArrayList<>(List.of(ShippedFfmpeg.command(), "-nostdin", "-loglevel", "error", "-y"));
            command.addAll(List.of(arguments));
            command.add(file.toString());
            Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ffmpeg.waitFor()).as(output).isZero();
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static void putInDailyBucket(String key, byte[] content) {
        try (S3Client client = s3.client()) {
            client.putObject(request -> request.bucket(DAILY_BUCKET).key(key), RequestBody.fromBytes(content));
        }
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    static String aSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    static Map<String, String> with(Map<String, String> some, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(some);
        all.putAll(more);
        return all;
    }
}
