package app.meetingbridge.system;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Daily meetings end to end with signed-in users (JWT): the real gateway and meeting-service processes, and
 * Daily faked at the HTTP level. Owner, another user and an anonymous visitor join, consent, record and
 * deactivate.
 */
class DailyMeetingSystemIT {

    static final TestTokens tokens = new TestTokens();
    static final FakeHttpServer daily = new FakeHttpServer();
    static Deployable gateway;
    static Deployable meetingService;
    static SystemDatabase database;

    HttpJson anonymous;
    HttpJson alice;
    HttpJson bob;

    @BeforeAll
    static void start() throws Exception {
        database = new SystemDatabase();
        gateway = new Deployable("api-gateway", Map.of(
                "AUTH_BACKEND", "jwt",
                "AUTH_JWT_PUBLIC_KEY", tokens.publicKeyPem(),
                "AUTH_JWT_AUDIENCE", TestTokens.AUDIENCE,
                "AUTH_JWT_ISSUER", TestTokens.ISSUER,
                "DAILY_API_KEY", "daily-key",
                "MEETING_CREATE_TIMEOUT", "15s")); // a first creation on a busy machine can take seconds
        meetingService = new Deployable("meeting-service", Map.of(
                "DAILY_API_KEY", "daily-key",
                "DAILY_API_URL", daily.baseUri().toString(),
                "AWS_DAILY_S3_BUCKET", "daily-recordings",
                "AWS_DAILY_ROLE_ARN", "arn:aws:iam::123456789012:role/daily-recordings"));
        meetingService.start();
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.kill();
        meetingService.kill();
        database.db.deleteFrom(ROOM).where(ROOM.PLATFORM.eq("daily")).execute();
        database.close();
        daily.close();
    }

    @BeforeEach
    void clientsAndDaily() {
        anonymous = gateway.http();
        alice = anonymous.as(tokens.tokenFor("alice"));
        bob = anonymous.as(tokens.tokenFor("bob"));
        daily.reset();
        daily.on("POST", "/rooms", request -> {
            String name = request.json().get("name").stringValue();
            return Reply.json(200, "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"api_created\":true,"
                    + "\"privacy\":\"public\",\"url\":\"https://acme.daily.co/" + name + "\",\"config\":{}}");
        });
        daily.on("POST", "/meeting-tokens", request -> Reply.json(200, "{\"token\":\"token-for-"
                + request.json().get("properties").get("user_id").stringValue() + "\"}"));
        daily.on("POST", "/rooms/.*/recordings/start", Reply.json(200, "{\"status\":\"ok\"}"));
        daily.on("DELETE", "/rooms/.*", Reply.json(200, "{\"deleted\":true}"));
    }

    /** Alice's Daily room and its meeting. */
    JsonNode aliceMeeting(String recordingType) {
        String name = "daily-" + UUID.randomUUID().toString().substring(0, 8);
        Response room = alice.post("/v1/rooms", "{\"name\":\"" + name + "\",\"platform\":\"daily\",\"recording_type\":\""
                + recordingType + "\"}");
        assertThat(room.status()).as(room.toString()).isEqualTo(200);
        Response meeting = alice.post("/v1/rooms/" + name + "/meeting", "{}");
        assertThat(meeting.status()).as(meeting.toString()).isEqualTo(200);
        return meeting.json();
    }

    static String joinPath(JsonNode meeting) {
        return "/v1/rooms/" + meeting.get("room_name").stringValue().replaceAll("-\\d{14}-[a-z0-9]{8}$", "")
                + "/meetings/" + meeting.get("id").stringValue() + "/join";
    }

    @Test
    void theOwnerJoinsWithAnOwnerTokenOthersWithAMemberTokenAndAnonymousWithout() {
        JsonNode meeting = aliceMeeting("cloud");
        String roomUrl = meeting.get("room_url").stringValue();

        JsonNode asAlice = alice.post(joinPath(meeting), null).json();
        JsonNode asBob = bob.post(joinPath(meeting), null).json();
        JsonNode asAnonymous = anonymous.post(joinPath(meeting), null).json();

        assertThat(asAlice.get("room_url").stringValue()).isEqualTo(roomUrl + "?t=token-for-alice");
        assertThat(asBob.get("room_url").stringValue()).isEqualTo(roomUrl + "?t=token-for-bob");
        assertThat(asAnonymous.get("room_url").stringValue()).isEqualTo(roomUrl);
        var tokenRequests = daily.requests("POST", "/meeting-tokens");
        assertThat(tokenRequests).hasSize(2);
        JsonNode owner = tokenRequests.get(0).json().get("properties");
        JsonNode member = tokenRequests.get(1).json().get("properties");
        assertThat(owner.get("is_owner").booleanValue()).isTrue();
        assertThat(owner.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(owner.get("room_name").stringValue()).isEqualTo(meeting.get("room_name").stringValue());
        assertThat(owner.get("enable_recording_ui").booleanValue()).isFalse();
        assertThat(owner.get("exp").longValue()).isEqualTo(Instant.parse(meeting.get("end_date").stringValue()).getEpochSecond());
        assertThat(member.get("is_owner").booleanValue()).isFalse();
        assertThat(asBob.get("host_room_url").stringValue()).isEmpty();
        assertThat(asAlice.get("host_room_url").stringValue()).isNotEmpty();
    }

    @Test
    void anyoneWhoMayJoinStartsTheRecordingOnceAndLaterStartsFindItRunning() {
        JsonNode meeting = aliceMeeting("cloud");
        String path = "/v1/meetings/" + meeting.get("id").stringValue() + "/recordings/start";

        Response first = anonymous.post(path, "{\"type\":\"raw-tracks\",\"instanceId\":\"" + UUID.randomUUID() + "\"}");
        daily.on("POST", "/rooms/.*/recordings/start",
                Reply.json(400, "{\"error\":\"invalid-request-error\",\"info\":\"has an active stream\"}"));
        Response second = bob.post(path, "{\"type\":\"raw-tracks\"}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(second.json().get("status").stringValue()).isEqualTo("already_active");
        assertThat(second.json().get("instanceId").stringValue()).isEqualTo(first.json().get("instanceId").stringValue());
        assertThat(daily.requests("POST", "/rooms/.*/recordings/start").get(0).json().get("instanceId").stringValue())
                .isEqualTo(first.json().get("instanceId").stringValue());
        assertThat(anonymous.post(path, "{\"type\":\"video\"}").status()).isEqualTo(422);
        assertThat(anonymous.post(path, "{\"type\":\"cloud\",\"instanceId\":\"nope\"}").status()).isEqualTo(422);
    }

    @Test
    void answersAProviderRefusalWithAShortReasonAndAnErrorIdKeepingTheProviderAnswerInTheLog() {
        String name = "daily-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice.post("/v1/rooms", "{\"name\":\"" + name + "\",\"platform\":\"daily\"}").status())
                .isEqualTo(200);
        daily.on("POST", "/rooms", Reply.json(400,
                "{\"error\":\"invalid-request-error\",\"info\":\"domain acme-internal-7731 is over its quota\"}"));

        Response refused = anonymous.post("/v1/rooms/" + name + "/meeting", "{}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(502);
        String detail = refused.json().get("detail").stringValue();
        assertThat(detail).startsWith("Video provider refused to create the meeting (error id ")
                .doesNotContain("acme-internal-7731", "invalid-request-error");
        String errorId = detail.replaceAll(".*error id ([0-9a-f]+)\\).*", "$1");
        assertThat(gateway.log()).containsPattern("error " + errorId + ": .*acme-internal-7731");
    }

    @Test
    void refusesRecordingAMeetingThatIsNotSetToRecordInTheCloud() {
        JsonNode meeting = aliceMeeting("none");

        Response response = alice.post("/v1/meetings/" + meeting.get("id").stringValue() + "/recordings/start",
                "{\"type\":\"cloud\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(daily.requests("POST", "/rooms/.*/recordings/start")).isEmpty();
    }

    @Test
    void keepsOneConsentPerSignedInUserAndEveryAnonymousOne() {
        String path = "/v1/meetings/" + aliceMeeting("cloud").get("id").stringValue() + "/consent";

        String bobFirst = bob.post(path, "{\"consent_given\":true}").json().get("consent_id").stringValue();
        String bobSecond = bob.post(path, "{\"consent_given\":false}").json().get("consent_id").stringValue();
        String anonFirst = anonymous.post(path, "{\"consent_given\":true}").json().get("consent_id").stringValue();
        String anonSecond = anonymous.post(path, "{\"consent_given\":true}").json().get("consent_id").stringValue();

        assertThat(bobSecond).isEqualTo(bobFirst);
        assertThat(anonSecond).isNotEqualTo(anonFirst);
        assertThat(bob.post(path, "{\"consent_given\":\"yes\"}").status()).isEqualTo(422);
        assertThat(bob.post(path, "{}").status()).isEqualTo(422);
        assertThat(bob.post("/v1/meetings/" + UUID.randomUUID() + "/consent", "{\"consent_given\":true}").status())
                .isEqualTo(404);
    }

    @Test
    void onlyTheOwnerDeactivatesAndTheProviderRoomIsDeletedOnce() {
        JsonNode meeting = aliceMeeting("cloud");
        String path = "/v1/meetings/" + meeting.get("id").stringValue() + "/deactivate";

        assertThat(anonymous.patch(path, null).status()).isEqualTo(401);
        assertThat(bob.patch(path, null).status()).isEqualTo(403);
        Response deactivated = alice.patch(path, null);
        Response again = alice.patch(path, null);

        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().get("status").stringValue()).isEqualTo("success");
        assertThat(deactivated.json().get("meeting_id").stringValue()).isEqualTo(meeting.get("id").stringValue());
        assertThat(again.status()).isEqualTo(200);
        assertThat(daily.requests("DELETE", "/rooms/" + meeting.get("room_name").stringValue())).hasSize(1);
        Response join = bob.post(joinPath(meeting), null);
        assertThat(join.status()).isEqualTo(400);
        assertThat(join.json().get("detail").stringValue()).isEqualTo("Meeting is not active");
    }

    @Test
    void refusesToJoinAMeetingThatHasEnded() {
        JsonNode meeting = aliceMeeting("cloud");
        Instant past = Instant.now().minus(Duration.ofHours(1));
        database.db.update(MEETING).set(MEETING.START_DATE, past.minus(Duration.ofHours(8))).set(MEETING.END_DATE, past)
                .where(MEETING.ID.eq(meeting.get("id").stringValue())).execute();

        Response join = alice.post(joinPath(meeting), null);

        assertThat(join.status()).isEqualTo(400);
        assertThat(join.json().get("detail").stringValue()).isEqualTo("Meeting has ended");
        assertThat(daily.requests("POST", "/meeting-tokens")).isEmpty();
    }
}
