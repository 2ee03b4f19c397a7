package app.meetingbridge.meetings.provider.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.JoinToken;
import app.meetingbridge.meetings.provider.NewProviderRoom;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderRoom;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.RecordingStart;
import app.meetingbridge.meetings.provider.ResilienceProperties;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Daily client against a fake Daily that answers as Daily's documentation shows. */
class DailyVideoProviderTest {

    static final Instant END = Instant.parse("2026-11-26T11:00:00Z");
    static final String ROOM_JSON = """
            {"id":"5e3cf703-5547-47d6-a371-37b1f0b4427f","name":"team-20261126030000-abcd1234","api_created":true,
             "privacy":"public","url":"https://acme.daily.co/team-20261126030000-abcd1234",
             "created_at":"2026-11-26T03:00:00.000Z","config":{"exp":1795345200}}""";

    final FakeHttpServer daily = new FakeHttpServer();

    @AfterEach
    void stop() {
        daily.close();
    }

    DailyVideoProvider provider(Duration timeout) {
        var resilience = new ResilienceProperties(timeout, 3, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(2), 4, 50, Duration.ofSeconds(1),
                Map.of("standard", 50.0, "list", 50.0, "recording", 1.0), Duration.ofSeconds(5));
        return new DailyVideoProvider(new DailyProperties("daily-key", daily.baseUri(), "acme", "c2VjcmV0",
                "daily-recordings", "us-west-2", "arn:aws:iam::123:role/daily", resilience), new SimpleMeterRegistry());
    }

    /** Times out after 5 s: a request to the fake can take a few hundred ms on a machine busy with other builds. */
    DailyVideoProvider provider() {
        return provider(Duration.ofSeconds(5));
    }

    static NewProviderRoom newRoom(boolean locked, String recordingType, String roomMode) {
        return new NewProviderRoom("team-20261126030000-abcd1234", "team", END,
                new MeetingSettings(locked, roomMode, recordingType, "automatic-2nd-participant", Platform.DAILY));
    }

    @Test
    void createsARoomWithTheDocumentedRequest() {
        daily.on("POST", "/rooms", Reply.json(200, ROOM_JSON));

        ProviderRoom room = provider().createRoom(newRoom(false, "cloud", "group"));

        Recorded sent = daily.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/rooms");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer daily-key");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        JsonNode body = sent.json();
        assertThat(body.get("name").stringValue()).isEqualTo("team-20261126030000-abcd1234");
        assertThat(body.get("privacy").stringValue()).isEqualTo("public");
        JsonNode properties = body.get("properties");
        assertThat(properties.get("exp").longValue()).isEqualTo(END.getEpochSecond());
        assertThat(properties.get("enable_knocking").booleanValue()).isFalse();
        assertThat(properties.get("max_participants").intValue()).isEqualTo(200);
        assertThat(properties.has("enable_recording")).isFalse();
        JsonNode bucket = properties.get("recordings_bucket");
        assertThat(bucket.get("bucket_name").stringValue()).isEqualTo("daily-recordings");
        assertThat(bucket.get("bucket_region").stringValue()).isEqualTo("us-west-2");
        assertThat(bucket.get("assume_role_arn").stringValue()).isEqualTo("arn:aws:iam::123:role/daily");
        assertThat(bucket.get("allow_api_access").booleanValue()).isTrue();
        assertThat(room.providerMeetingId()).isEqualTo("5e3cf703-5547-47d6-a371-37b1f0b4427f");
        assertThat(room.roomUrl()).isEqualTo("https://acme.daily.co/team-20261126030000-abcd1234");
        assertThat(room.hostRoomUrl()).isEqualTo(room.roomUrl());
    }

    @Test
    void locksAPrivateRoomWithKnockingAndRecordsLocallyWithoutABucket() {
        daily.on("POST", "/rooms", Reply.json(200, ROOM_JSON));

        provider().createRoom(newRoom(true, "local", "normal"));

        JsonNode body = daily.requests().get(0).json();
        assertThat(body.get("privacy").stringValue()).isEqualTo("private");
        assertThat(body.get("properties").get("enable_knocking").booleanValue()).isTrue();
        assertThat(body.get("properties").get("enable_recording").stringValue()).isEqualTo("local");
        assertThat(body.get("properties").has("recordings_bucket")).isFalse();
        assertThat(body.get("properties").get("max_participants").intValue()).isEqualTo(4);
    }

    @Test
    void retriesAServerErrorAndLooksTheRoomUpBeforeCreatingAgain() {
        daily.on("POST", "/rooms", request -> daily.requests("POST", "/rooms").size() == 1
                ? Reply.json(500, "{\"error\":\"server-error\"}") : Reply.json(200, ROOM_JSON));
        daily.on("GET", "/rooms/.*", Reply.json(404, "{\"error\":\"not-found\",\"info\":\"room not found\"}"));

        ProviderRoom room = provider().createRoom(newRoom(false, "cloud", "group"));

        assertThat(daily.requests()).extracting(Recorded::method).containsExactly("POST", "GET", "POST");
        assertThat(daily.requests().get(1).path()).isEqualTo("/rooms/team-20261126030000-abcd1234");
        assertThat(room.roomName()).isEqualTo("team-20261126030000-abcd1234");
    }

    @Test
    void aCreateThatTimedOutAfterDailyMadeTheRoomIsFoundNotMadeTwice() {
        // times with room to spare: on a loaded machine a short timeout can pass before the request arrives
        daily.on("POST", "/rooms", Reply.json(200, ROOM_JSON).after(Duration.ofSeconds(10)));
        daily.on("GET", "/rooms/team-20261126030000-abcd1234", Reply.json(200, ROOM_JSON));

        ProviderRoom room = provider(Duration.ofSeconds(5)).createRoom(newRoom(false, "cloud", "group"));

        // the fake records a request once its thread has read it, which a busy machine may do after the client gave up
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !daily.requests("POST", "/rooms").isEmpty());
        assertThat(daily.requests("POST", "/rooms")).hasSize(1);
        assertThat(daily.requests("GET", "/rooms/.*")).hasSize(1);
        assertThat(room.providerMeetingId()).isEqualTo("5e3cf703-5547-47d6-a371-37b1f0b4427f");
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOnA429() {
        daily.on("POST", "/rooms", request -> daily.requests("POST", "/rooms").size() == 1
                ? Reply.json(429, "{\"error\":\"rate-limit-error\"}").withHeader("Retry-After", "1")
                : Reply.json(200, ROOM_JSON));
        daily.on("GET", "/rooms/.*", Reply.json(404, "{\"error\":\"not-found\"}"));

        long started = System.nanoTime();
        provider().createRoom(newRoom(false, "none", "group"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(daily.requests("POST", "/rooms")).hasSize(2);
    }

    @Test
    void givesUpWithProviderUnavailableAfterTheLastRetry() {
        daily.on("POST", "/rooms", Reply.json(503, "{\"error\":\"unavailable\"}"));
        daily.on("GET", "/rooms/.*", Reply.json(404, "{\"error\":\"not-found\"}"));

        assertThatThrownBy(() -> provider().createRoom(newRoom(false, "none", "group")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("503");
        assertThat(daily.requests("POST", "/rooms")).hasSize(3);
    }

    @Test
    void doesNotRetryARefusalAndKeepsDailysErrorAndInfo() {
        daily.on("POST", "/rooms", Reply.json(400, "{\"error\":\"invalid-request-error\",\"info\":\"name is too long\"}"));

        assertThatThrownBy(() -> provider().createRoom(newRoom(false, "none", "group")))
                .isInstanceOf(ProviderRejectedException.class)
                .hasMessageContaining("invalid-request-error").hasMessageContaining("name is too long");
        assertThat(daily.requests()).hasSize(1);
    }

    @Test
    void treatsAnAuthenticationErrorAsARefusal() {
        daily.on("POST", "/rooms", Reply.json(401, "{\"error\":\"authentication-error\"}"));

        assertThatThrownBy(() -> provider().createRoom(newRoom(false, "none", "group")))
                .isInstanceOfSatisfying(ProviderRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(daily.requests()).hasSize(1);
    }

    @Test
    void reportsMalformedJsonAsUnavailable() {
        daily.on("POST", "/rooms", Reply.json(200, "{\"id\": \"x\", \"name\": "));

        assertThatThrownBy(() -> provider().createRoom(newRoom(false, "none", "group")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("unreadable");
    }

    @Test
    void deletesARoomAndCountsAMissingOneAsDeleted() {
        daily.on("DELETE", "/rooms/gone", Reply.json(404, "{\"error\":\"not-found\",\"info\":\"room gone not found\"}"));
        daily.on("DELETE", "/rooms/here", Reply.json(200, "{\"deleted\":true,\"name\":\"here\"}"));

        provider().deleteRoom("id-1", "here");
        provider().deleteRoom("id-2", "gone");

        assertThat(daily.requests()).extracting(Recorded::path).containsExactly("/rooms/here", "/rooms/gone");
    }

    @Test
    void readsPresenceAsAbsoluteParticipants() {
        daily.on("GET", "/rooms/team/presence", Reply.json(200, """
                {"total_count":2,"data":[
                 {"room":"team","id":"p-1","userId":"user-1","userName":"Ada","joinTime":"2026-11-26T03:01:00.000Z","duration":60},
                 {"room":"team","id":"p-2","userId":null,"userName":null,"joinTime":"2026-11-26T03:02:00.000Z","duration":5}]}"""));

        var presence = provider().presence("team").orElseThrow();

        assertThat(presence.count()).isEqualTo(2);
        assertThat(presence.participants().get(0).userId()).isEqualTo("user-1");
        assertThat(presence.participants().get(1).userName()).isNull();
    }

    @Test
    void mintsAnExpiringMeetingToken() {
        daily.on("POST", "/meeting-tokens", Reply.json(200, "{\"token\":\"eyJhbGciOi.token\"}"));

        String token = provider().joinToken(new JoinToken("team", "user-1", true, false, END)).orElseThrow();

        JsonNode properties = daily.requests().get(0).json().get("properties");
        assertThat(token).isEqualTo("eyJhbGciOi.token");
        assertThat(properties.get("room_name").stringValue()).isEqualTo("team");
        assertThat(properties.get("user_id").stringValue()).isEqualTo("user-1");
        assertThat(properties.get("is_owner").booleanValue()).isTrue();
        assertThat(properties.get("enable_recording_ui").booleanValue()).isFalse();
        assertThat(properties.get("exp").longValue()).isEqualTo(END.getEpochSecond());
    }

    @Test
    void startsARecordingAndTakesAnActiveStreamAsAlreadyRunning() {
        daily.on("POST", "/rooms/team/recordings/start", request -> daily.requests().size() == 1
                ? Reply.json(200, "{\"status\":\"ok\",\"recordingId\":\"rec-1\"}")
                : Reply.json(400, "{\"error\":\"invalid-request-error\",\"info\":\"team has an active stream\"}"));

        RecordingStart first = provider().startRecording("team", RecordingStart.Kind.RAW_TRACKS, "instance-1").orElseThrow();
        RecordingStart second = provider().startRecording("team", RecordingStart.Kind.RAW_TRACKS, "instance-1").orElseThrow();

        JsonNode body = daily.requests().get(0).json();
        assertThat(body.get("type").stringValue()).isEqualTo("raw-tracks");
        assertThat(body.get("instanceId").stringValue()).isEqualTo("instance-1");
        assertThat(first.status()).isEqualTo(RecordingStart.Status.STARTED);
        assertThat(second.status()).isEqualTo(RecordingStart.Status.ALREADY_ACTIVE);
    }

    @Test
    void holdsABurstOfRecordingStartsToTheConfiguredRate() {
        daily.on("POST", "/rooms/.*/recordings/start", Reply.json(200, "{\"status\":\"ok\"}"));
        DailyVideoProvider provider = provider();

        long started = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            provider.startRecording("room-" + i, RecordingStart.Kind.CLOUD, "i-" + i);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        assertThat(daily.requests()).hasSize(4);
    }

    @Test
    void pagesRecordingsWithACursorAndInfersTheirKind() {
        daily.on("GET", "/recordings", Reply.json(200, """
                {"total_count":2,"data":[
                 {"id":"rec-2","room_name":"team-1","start_ts":1795300000,"status":"finished","duration":61,
                  "s3key":"acme/team-1/1795300000000","mtgSessionId":"s-2","tracks":[
                    {"type":"audio","s3Key":"acme/team-1/1795300000000-p1-cam-audio-1795300001000","size":1024}]},
                 {"id":"rec-1","room_name":"team-1","start_ts":1795200000,"status":"in-progress",
                  "s3key":"acme/team-1/1795200000000","mtgSessionId":"s-1"}]}"""));

        List<DailyRecording> page = provider().recordings("rec-3", null);

        assertThat(daily.requests().get(0).query()).contains("limit=100").contains("starting_after=rec-3")
                .doesNotContain("room_name");
        assertThat(page).extracting(DailyRecording::kind)
                .containsExactly(DailyRecording.Kind.RAW_TRACKS, DailyRecording.Kind.CLOUD);
        assertThat(page.get(0).finished()).isTrue();
        assertThat(page.get(1).finished()).isFalse();
        assertThat(page.get(0).tracks().get(0).s3Key()).endsWith("cam-audio-1795300001000");
        assertThat(page.get(0).startedAt()).isEqualTo(Instant.ofEpochSecond(1795300000));
    }

    @Test
    void asksForAFreshAccessLinkAndKeepsItAsGiven() {
        daily.on("GET", "/recordings/rec-1/access-link", Reply.json(200,
                "{\"download_link\":\"https://daily-recordings.s3.amazonaws.com/a%2Fb?X-Amz-Signature=abc\",\"expires\":1795303600}"));

        DailyRecording.Link link = provider().recordingLink("rec-1");

        assertThat(link.url()).isEqualTo("https://daily-recordings.s3.amazonaws.com/a%2Fb?X-Amz-Signature=abc");
        assertThat(link.expires()).isEqualTo(Instant.ofEpochSecond(1795303600));
    }

    @Test
    void registersTheWebhookWithOurSecretWhenNoneExists() {
        daily.on("GET", "/webhooks", Reply.json(200, "[]"));
        daily.on("POST", "/webhooks", Reply.json(200, """
                {"uuid":"wh-1","url":"https://api.example.test/v1/daily/webhook","hmac":"c2VjcmV0","state":"ACTIVE",
                 "failedCount":0,"eventTypes":["participant.joined"]}"""));

        DailyWebhookState state = provider().registerWebhook("https://api.example.test/v1/daily/webhook");

        JsonNode body = daily.requests("POST", "/webhooks").get(0).json();
        assertThat(body.get("url").stringValue()).isEqualTo("https://api.example.test/v1/daily/webhook");
        assertThat(body.get("hmac").stringValue()).isEqualTo("c2VjcmV0");
        assertThat(body.get("eventTypes")).extracting(JsonNode::stringValue)
                .contains("participant.joined", "participant.left", "recording.ready-to-download");
        assertThat(state.action()).isEqualTo("created");
        assertThat(state.uuid()).isEqualTo("wh-1");
    }

    @Test
    void reactivatesAFailedWebhookWithAPostToItsUuid() {
        daily.on("GET", "/webhooks", Reply.json(200, """
                [{"uuid":"wh-1","url":"https://api.example.test/v1/daily/webhook","state":"FAILED","failedCount":3,
                  "eventTypes":["participant.joined"]}]"""));
        daily.on("POST", "/webhooks/wh-1", Reply.json(200, """
                {"uuid":"wh-1","url":"https://api.example.test/v1/daily/webhook","state":"ACTIVE","failedCount":0}"""));

        DailyWebhookState state = provider().registerWebhook("https://api.example.test/v1/daily/webhook");

        assertThat(daily.requests("POST", "/webhooks/wh-1")).hasSize(1);
        assertThat(daily.requests("PATCH", ".*")).isEmpty();
        assertThat(state.action()).isEqualTo("reactivated");
        assertThat(state.state()).isEqualTo("ACTIVE");
    }

    @Test
    void leavesAHealthyWebhookAlone() {
        daily.on("GET", "/webhooks", Reply.json(200, "[{\"uuid\":\"wh-1\",\"url\":\"https://h.test/w\",\"state\":\"ACTIVE\","
                + "\"failedCount\":0,\"eventTypes\":" + toJson(DailyWebhooks.EVENTS) + "}]"));

        DailyWebhookState state = provider().registerWebhook("https://h.test/w");

        assertThat(state.action()).isEqualTo("unchanged");
        assertThat(daily.requests()).hasSize(1);
    }

    @Test
    void opensTheCircuitWhileDailyFailsAndClosesItOnceDailyRecovers() throws InterruptedException {
        daily.on("GET", "/rooms/.*/presence", Reply.json(500, "{\"error\":\"server-error\"}"));
        DailyVideoProvider provider = provider();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.presence("team")).isInstanceOf(ProviderUnavailableException.class);
        }
        int callsWhenOpen = daily.requests().size();
        long started = System.nanoTime();
        assertThatThrownBy(() -> provider.presence("team")).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("circuit open");
        Duration failFast = Duration.ofNanos(System.nanoTime() - started);

        assertThat(provider.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(daily.requests()).hasSize(callsWhenOpen);
        // no request (above) and no waiting for the 5 s timeout; the bound leaves room for a busy machine
        assertThat(failFast).isLessThan(Duration.ofMillis(2500));

        daily.on("GET", "/rooms/.*/presence", Reply.json(200, "{\"total_count\":0,\"data\":[]}"));
        Thread.sleep(1200);
        provider.presence("team");
        provider.presence("team");

        assertThat(provider.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void refusesToStartWithoutTheBucketDailyRecordsInto() {
        var resilience = new ResilienceProperties(Duration.ofSeconds(1), 1, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofSeconds(1), 1, 50, Duration.ofSeconds(1), Map.of(), Duration.ofSeconds(1));
        var properties = new DailyProperties("key", daily.baseUri(), "", "", "", "us-west-2", "arn", resilience);

        assertThatThrownBy(() -> new DailyVideoProvider(properties, new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_DAILY_S3_BUCKET");
    }

    static String toJson(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
