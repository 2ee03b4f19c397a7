package app.meetingbridge.system;

import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.RECORDING;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.testsupport.TestServices;
import app.meetingbridge.testsupport.TestServices.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * The database connection budget: 2 gateways, 3 meeting-services and 3 recording-workers, all with their
 * production pool settings, share one PostgreSQL (max_connections 100) in a database of this run's own, so that
 * {@code pg_stat_activity} shows their connections alone, by application name. Meetings, signed Daily webhooks and
 * a cloud recording go through both gateways while every process stays healthy and each service holds at most its
 * pool's maximum per replica; once the work stops, the pools shrink to their minimum.
 */
class ReplicasSystemIT {

    static final Map<String, Integer> REPLICAS = Map.of("api-gateway", 2, "meeting-service", 3, "recording-worker", 3);
    /** What a system of one gateway, one meeting-service and one worker may hold once idle. */
    static final int IDLE_SYSTEM_MOST = 6;
    static final Pattern CONNECTION_TROUBLE = Pattern.compile(
            "too many clients|remaining connection slots|Connection is not available|SQLTransientConnectionException"
                    + "|Connection to \\S+ refused|connection attempt failed", Pattern.CASE_INSENSITIVE);
    static final String DAILY_SECRET = RecordingFlowSystemIT.aSecret();
    static final String DAILY_BUCKET = "daily-recordings";
    static final String TRANSCRIPTS = "transcripts";
    static final String DOMAIN = "acme";
    static final int ROOMS = 10;
    static final int REQUESTS_PER_ROOM = 8;
    static final int PARTICIPANTS_PER_MEETING = 5;

    static final FakeHttpServer daily = new FakeHttpServer();
    static final FakeHttpServer backend = new FakeHttpServer();
    static final List<Deployable> gateways = new ArrayList<>();
    static final List<Deployable> all = new ArrayList<>();
    static TestDatabase database;
    static TestS3 s3;
    static Connection connection;
    static DSLContext db;
    static ConnectionWatch watch;
    static ExecutorService clients;

    @BeforeAll
    static void start() throws Exception {
        database = TestServices.ownDatabase("replicas");
        s3 = TestS3.start(null);
        s3.createBucket(DAILY_BUCKET);
        s3.createBucket(TRANSCRIPTS);
        daily.on("POST", "/rooms", request -> {
            String name = request.json().get("name").stringValue();
            return Reply.json(200, "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"api_created\":true,"
                    + "\"privacy\":\"public\",\"url\":\"https://" + DOMAIN + ".daily.co/" + name + "\",\"config\":{}}");
        });
        daily.on("GET", "/rooms/.*/presence", Reply.json(200, "{\"total_count\":0,\"data\":[]}"));
        daily.on("GET", "/recordings", Reply.json(200, "{\"total_count\":0,\"data\":[]}"));
        daily.on("DELETE", "/rooms/.*", Reply.json(200, "{\"deleted\":true}"));
        backend.on("POST", "/v1/audio/transcriptions", Reply.json(200, "{\"text\":\"Hello there\",\"words\":["
                + "{\"word\":\" Hello\",\"start\":0.2,\"end\":0.5},{\"word\":\" there\",\"start\":0.6,\"end\":0.9}]}"));

        Map<String, String> shared = Map.of("SPRING_DATASOURCE_URL", database.url());
        Map<String, String> storage = SystemStorage.transcripts(s3, TRANSCRIPTS);
        for (int i = 1; i <= REPLICAS.get("api-gateway"); i++) {
            Deployable gateway = new Deployable("api-gateway", "replicas-api-gateway-" + i, with(shared, storage, Map.of(
                    "DAILY_API_KEY", "daily-key",
                    "DAILY_WEBHOOK_SECRET", DAILY_SECRET)));
            gateways.add(gateway);
            all.add(gateway);
        }
        for (int i = 1; i <= REPLICAS.get("meeting-service"); i++) {
            all.add(new Deployable("meeting-service", "replicas-meeting-service-" + i, with(shared, Map.of(
                    "DAILY_API_KEY", "daily-key",
                    "DAILY_API_URL", daily.baseUri().toString(),
                    "DAILYCO_STORAGE_AWS_BUCKET_NAME", DAILY_BUCKET,
                    "DAILYCO_STORAGE_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/daily-recordings"))));
        }
        for (int i = 1; i <= REPLICAS.get("recording-worker"); i++) {
            all.add(new Deployable("recording-worker", "replicas-recording-worker-" + i, with(shared, storage, Map.of(
                    "AWS_DAILY_S3_BUCKET", DAILY_BUCKET,
                    "AWS_DAILY_S3_REGION", TestS3.REGION,
                    "DAILY_RECORDINGS_PREFIX", DOMAIN + "/",
                    "TRANSCRIPT_BACKEND_URL", backend.baseUri().toString()))));
        }
        connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        db = DSL.using(connection, SQLDialect.POSTGRES);
        watch = new ConnectionWatch(database);
        all.forEach(Deployable::launch);
        for (Deployable deployable : all) {
            deployable.awaitReady(Duration.ofSeconds(240));
        }
        watch.healthOf(all);
        clients = Executors.newFixedThreadPool(40);
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.shutdownNow();
        }
        if (watch != null) {
            watch.close();
        }
        for (Deployable deployable : all) {
            deployable.kill();
        }
        if (connection != null) {
            connection.close();
        }
        daily.close();
        backend.close();
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void eightProcessesDoTheirWorkWithinTheirPoolsAndShrinkToTheirMinimumWhenIdle() throws Exception {
        Map<String, String> meetings = meetingsCreatedConcurrentlyThroughBothGateways();
        participantsJoinAndLeaveThroughBothGateways(meetings);
        aCloudRecordingBecomesAnEndedTranscript(meetings.entrySet().iterator().next());

        assertThat(watch.problems()).as("processes that died or were not ready while working").isEmpty();
        assertHealthyWithoutConnectionTrouble();
        Map<String, Integer> maxima = poolMaxima();
        Map<String, Integer> peaks = watch.peaks();
        System.out.printf("connection peaks per service while working: %s (pool maxima per replica: %s)%n", peaks, maxima);
        REPLICAS.forEach((service, replicas) -> assertThat(peaks.getOrDefault(service, 0))
                .as("peak connections of %s's %d replicas", service, replicas)
                .isPositive()
                .isLessThanOrEqualTo(maxima.get(service) * replicas));

        // the pools shrink towards their minimum idle (1): a connection unused for 30 s closes; the relay's, the
        // scheduler's and the readiness probes' connections stay in use, so a pool may settle a little above it
        Instant idleSince = Instant.now();
        await(Duration.ofSeconds(150), "one idle gateway, meeting-service and worker hold at most " + IDLE_SYSTEM_MOST
                + " connections", () -> oneOfEach(idlePools()) <= IDLE_SYSTEM_MOST, () -> "pools now: " + idlePools());
        Map<String, Integer> pools = idlePools();
        Map<String, Integer> idleNow = watch.now();
        Map<String, Integer> largest = largestPools(pools);
        largestPools(idlePools()).forEach((service, pool) -> largest.merge(service, pool, Math::max));
        System.out.printf("%d s after the work stopped: pools %s; connections per service %s%n",
                Duration.between(idleSince, Instant.now()).toSeconds(), pools, idleNow);

        assertThat(oneOfEach(pools)).as("connections of one idle gateway, meeting-service and worker (pools %s)", pools)
                .isLessThanOrEqualTo(IDLE_SYSTEM_MOST);
        REPLICAS.forEach((service, replicas) -> assertThat(idleNow.getOrDefault(service, 0))
                .as("idle connections of %s's %d replicas in pg_stat_activity (pools %s)", service, replicas, pools)
                .isLessThanOrEqualTo(largest.get(service) * replicas));
        assertThat(watch.problems()).as("processes that died or were not ready while idle").isEmpty();
        assertHealthyWithoutConnectionTrouble();
    }

    /** Create-or-get from both gateways at once, several requests per room: each room gets one meeting. */
    Map<String, String> meetingsCreatedConcurrentlyThroughBothGateways() throws Exception {
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            String name = "replica-" + UUID.randomUUID().toString().substring(0, 8);
            Response room = gateway(i).http().post("/v1/rooms", "{\"name\":\"" + name + "\",\"platform\":\"daily\"}");
            assertThat(room.status()).as(room.toString()).isEqualTo(200);
            rooms.add(name);
        }
        List<Callable<Response>> requests = new ArrayList<>();
        for (String room : rooms) {
            for (int i = 0; i < REQUESTS_PER_ROOM; i++) {
                Deployable gateway = gateway(i);
                requests.add(() -> gateway.http().post("/v1/rooms/" + room + "/meeting", "{}"));
                requests.add(() -> gateway.http().get("/v1/rooms/name/" + room));
            }
        }
        List<Response> responses = all(requests);

        Map<String, Set<String>> meetingsOfRoom = new HashMap<>();
        for (Response response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode json = response.json();
            if (json.has("room_url")) {
                String providerRoom = json.get("room_name").stringValue();
                String room = rooms.stream().filter(name -> providerRoom.startsWith(name + "-")).findFirst().orElseThrow();
                meetingsOfRoom.computeIfAbsent(room, any -> new java.util.HashSet<>()).add(providerRoom + " "
                        + json.get("id").stringValue());
            }
        }
        assertThat(meetingsOfRoom).hasSize(ROOMS);
        meetingsOfRoom.forEach((room, made) -> assertThat(made).as("meetings of " + room).hasSize(1));
        assertThat(daily.requests("POST", "/rooms")).as("one Daily room per room").hasSize(ROOMS);
        return meetingsOfRoom.values().stream().map(made -> made.iterator().next().split(" "))
                .collect(Collectors.toMap(parts -> parts[1], parts -> parts[0], (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Signed participant.joined, then participant.left webhooks for every meeting at once, spread over both
     * gateways: the meeting-services' batches then hold events of several meetings in different orders side by
     * side, and every session is stored all the same.
     */
    void participantsJoinAndLeaveThroughBothGateways(Map<String, String> providerRoomOfMeeting) throws Exception {
        long joinedAt = Instant.now().getEpochSecond() - 60;
        int i = 0;
        List<Callable<Response>> joins = new ArrayList<>();
        List<Callable<Response>> leaves = new ArrayList<>();
        for (Map.Entry<String, String> meeting : providerRoomOfMeeting.entrySet()) {
            for (int p = 0; p < PARTICIPANTS_PER_MEETING; p++) {
                String participant = """
                        "joined_at":%d,"session_id":"%s","room":"%s","user_id":"user-%d","user_name":"User %d",\
                        "owner":false,"will_eject_at":null,"permissions":{}""".formatted(joinedAt, UUID.randomUUID(),
                        meeting.getValue(), p, p);
                Deployable gateway = gateway(i++);
                joins.add(() -> postSignedWebhook(gateway, event("participant.joined", "{" + participant + "}")));
                leaves.add(() -> postSignedWebhook(gateway, event("participant.left", "{" + participant + ",\"duration\":30}")));
            }
        }
        Collections.shuffle(joins);
        Collections.shuffle(leaves);
        var sessions = PARTICIPANT_SESSION.MEETING_ID.in(providerRoomOfMeeting.keySet());
        int expected = PARTICIPANTS_PER_MEETING * providerRoomOfMeeting.size();
        for (Response response : all(joins)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        // participants leave once their joins are stored, as they do
        await(Duration.ofSeconds(60), "the meeting-services store every session as joined", () ->
                db.fetchCount(PARTICIPANT_SESSION, sessions) == expected);
        for (Response response : all(leaves)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        await(Duration.ofSeconds(60), "the meeting-services store every session as left", () -> db.fetchCount(
                PARTICIPANT_SESSION, sessions.and(PARTICIPANT_SESSION.LEFT_AT.isNotNull())) == expected);
    }

    /** A Daily cloud recording, announced at one gateway, read back as an ended transcript at the other. */
    void aCloudRecordingBecomesAnEndedTranscript(Map.Entry<String, String> meeting) throws Exception {
        String recordingId = UUID.randomUUID().toString();
        long startMs = Instant.now().minusSeconds(60).toEpochMilli() / 1000 * 1000;
        String key = DOMAIN + "/" + meeting.getValue() + "/" + startMs;
        byte[] media = RecordingFlowSystemIT.ffmpeg("mp4", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-f",
                "lavfi", "-i", "color=c=navy:s=160x120:r=15:d=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt",
                "yuv420p", "-c:a", "aac", "-shortest");
        try (S3Client client = s3.client()) {
            client.putObject(request -> request.bucket(DAILY_BUCKET).key(key), RequestBody.fromBytes(media));
        }

        Response webhook = postSignedWebhook(gateways.get(1), event("recording.ready-to-download", """
                {"type":"cloud","recording_id":"%s","room_name":"%s","start_ts":%d,"status":"finished",
                 "max_participants":1,"duration":3,"s3_key":"%s"}"""
                .formatted(recordingId, meeting.getValue(), startMs / 1000, key)));

        assertThat(webhook.status()).as(webhook.toString()).isEqualTo(200);
        await(Duration.ofSeconds(90), "the recording's transcript ends", () -> {
            JsonNode items = gateways.get(0).http().get("/v1/transcripts?meeting_id=" + meeting.getKey()).json()
                    .get("items");
            return !items.isEmpty() && items.get(0).get("status").stringValue().equals("ended");
        });
        assertThat(db.fetchSingle(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(recordingId)).getState())
                .isEqualTo("done");
    }

    static void assertHealthyWithoutConnectionTrouble() {
        for (Deployable deployable : all) {
            assertThat(deployable.isAlive()).as(deployable.instance() + " is running").isTrue();
            assertThat(deployable.http().get("/readyz").status())
                    .as(deployable.instance() + " is ready").isEqualTo(200);
            List<String> trouble = deployable.log().lines().filter(line -> CONNECTION_TROUBLE.matcher(line).find())
                    .limit(5).toList();
            assertThat(trouble).as(deployable.instance() + "'s log").isEmpty();
        }
    }

    /** Each process's open connections (its pool's size). */
    static Map<String, Integer> idlePools() {
        Map<String, Integer> pools = new LinkedHashMap<>();
        all.forEach(deployable -> pools.put(deployable.instance(), pool(deployable, "hikaricp.connections")));
        return pools;
    }

    /** What a system of one replica of each service holds: the largest pool of each service, summed. */
    static int oneOfEach(Map<String, Integer> pools) {
        return largestPools(pools).values().stream().mapToInt(Integer::intValue).sum();
    }

    static Map<String, Integer> largestPools(Map<String, Integer> pools) {
        Map<String, Integer> largest = new HashMap<>();
        all.forEach(deployable -> largest.merge(deployable.module(), pools.get(deployable.instance()), Math::max));
        return largest;
    }

    /** Each service's configured pool maximum, as its processes report it (the same for every replica). */
    static Map<String, Integer> poolMaxima() {
        Map<String, Set<Integer>> reported = new HashMap<>();
        for (Deployable deployable : all) {
            reported.computeIfAbsent(deployable.module(), any -> new java.util.HashSet<>())
                    .add(pool(deployable, "hikaricp.connections.max"));
        }
        reported.forEach((service, maxima) -> assertThat(maxima).as(service + "'s pool maxima").hasSize(1));
        return reported.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().iterator().next()));
    }

    /** A gauge of the process's connection pool. */
    static int pool(Deployable deployable, String metric) {
        Response response = deployable.management().get("/actuator/metrics/" + metric);
        assertThat(response.status()).as(deployable.instance() + " " + metric + ": " + response).isEqualTo(200);
        for (JsonNode measurement : response.json().get("measurements")) {
            if (measurement.get("statistic").stringValue().equals("VALUE")) {
                return (int) measurement.get("value").doubleValue();
            }
        }
        throw new AssertionError("no VALUE in " + response);
    }

    static Deployable gateway(int i) {
        return gateways.get(i % gateways.size());
    }

    static List<Response> all(List<Callable<Response>> requests) throws Exception {
        List<Response> responses = new ArrayList<>();
        for (Future<Response> response : clients.invokeAll(requests)) {
            responses.add(response.get());
        }
        return responses;
    }

    /** Daily's envelope around {@code payload}, with a new event id. */
    static String event(String type, String payload) {
        long now = Instant.now().getEpochSecond();
        return "{\"version\":\"1.0.0\",\"type\":\"" + type + "\",\"id\":\"" + type.replace('.', '-') + "-" + UUID.randomUUID()
                + "-" + now + "\",\"payload\":" + payload + ",\"event_ts\":" + now + ".5}";
    }

    /** POSTs the event as Daily does: base64 HMAC-SHA256, keyed with the decoded secret, over timestamp + "." + body. */
    static Response postSignedWebhook(Deployable gateway, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(DAILY_SECRET), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
        return gateway.http().post("/v1/daily/webhook", body,
                Map.of("X-Webhook-Timestamp", timestamp, "X-Webhook-Signature", signature));
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        await(timeout, what, condition, () -> "");
    }

    static void await(Duration timeout, String what, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout + " " + state.get());
            }
            Thread.sleep(250);
        }
    }

    @SafeVarargs
    static Map<String, String> with(Map<String, String>... settings) {
        Map<String, String> all = new HashMap<>();
        Stream.of(settings).forEach(all::putAll);
        return all;
    }

    /**
     * Samples this run's database's connections by application name four times a second (keeping each service's
     * peak), and every two seconds whether each process is alive and ready.
     */
    static final class ConnectionWatch implements AutoCloseable {

        private final Connection connection;
        private final ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2);
        private final Map<String, Integer> peaks = new ConcurrentHashMap<>();
        private final List<String> problems = new CopyOnWriteArrayList<>();

        ConnectionWatch(TestDatabase database) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", database.user());
            properties.setProperty("password", database.password());
            properties.setProperty("ApplicationName", "replicas-system-test");
            connection = DriverManager.getConnection(database.url(), properties);
            sampler.scheduleWithFixedDelay(this::sample, 0, 250, TimeUnit.MILLISECONDS);
        }

        void healthOf(List<Deployable> deployables) {
            sampler.scheduleWithFixedDelay(() -> {
                for (Deployable deployable : deployables) {
                    if (!deployable.isAlive()) {
                        problems.add(deployable.instance() + " died");
                    } else {
                        try {
                            int status = deployable.http().get("/readyz").status();
                            if (status != 200) {
                                problems.add(deployable.instance() + " answered readiness with " + status);
                            }
                        } catch (RuntimeException e) {
                            problems.add(deployable.instance() + " did not answer readiness: " + e.getMessage());
                        }
                    }
                }
            }, 0, 2, TimeUnit.SECONDS);
        }

        Map<String, Integer> peaks() {
            return new LinkedHashMap<>(peaks);
        }

        List<String> problems() {
            return List.copyOf(problems);
        }

        /** This run's connections per application name, now. */
        synchronized Map<String, Integer> now() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            try (var statement = connection.prepareStatement("select application_name, count(*) from pg_stat_activity "
                    + "where datname = current_database() and pid <> pg_backend_pid() group by 1 order by 1");
                 var rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return counts;
        }

        private void sample() {
            try {
                now().forEach((service, count) -> peaks.merge(service, count, Math::max));
            } catch (RuntimeException e) {
                problems.add("could not sample pg_stat_activity: " + e.getMessage());
            }
        }

        @Override
        public void close() throws SQLException {
            sampler.shutdownNow();
            connection.close();
        }
    }
}
