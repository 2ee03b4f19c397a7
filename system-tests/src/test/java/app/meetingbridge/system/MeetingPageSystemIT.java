package app.meetingbridge.system;

import static app.meetingbridge.db.Tables.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestTokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reflector's meeting page ({@code www/app/[roomName]}) against the real gateway and meeting-service, with Daily and
 * Whereby faked at the HTTP level: every call the page makes (room by name, create-or-get, join, recording starts,
 * consent, the calendar room's meeting selection and its "end meeting") exactly as its code builds it
 * ({@code Authorization: Bearer} when signed in, {@code Content-Type: application/json} on every request, its
 * bodies), and every field and detail text it reads from the answers.
 */
class MeetingPageSystemIT {

    /** DailyRoom.tsx: raw-tracks recordings are named by a UUIDv5 of the meeting id in this namespace. */
    static final UUID RAW_TRACKS_NAMESPACE = UUID.fromString("a1b2c3d4-e5f6-7890-abcd-ef1234567890");

    static final TestTokens tokens = new TestTokens();
    static final FakeHttpServer daily = new FakeHttpServer();
    static final FakeHttpServer whereby = new FakeHttpServer();
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
                "WHEREBY_API_KEY", "whereby-key",
                "MEETING_CREATE_TIMEOUT", "15s"));
        meetingService = new Deployable("meeting-service", Map.of(
                "DAILY_API_KEY", "daily-key",
                "DAILY_API_URL", daily.baseUri().toString(),
                "AWS_DAILY_S3_BUCKET", "daily-recordings",
                "AWS_DAILY_ROLE_ARN", "arn:aws:iam::123456789012:role/daily-recordings",
                "WHEREBY_API_KEY", "whereby-key",
                "WHEREBY_API_URL", whereby.baseUri().toString(),
                "WHEREBY_STORAGE_AWS_BUCKET_NAME", "whereby-recordings",
                "WHEREBY_STORAGE_AWS_ACCESS_KEY_ID", "whereby-access-key",
                "WHEREBY_STORAGE_AWS_SECRET_ACCESS_KEY", "whereby-secret-key"));
        meetingService.start();
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.kill();
        meetingService.kill();
        database.db.deleteFrom(ROOM).where(ROOM.NAME.like("page-%")).execute();
        database.close();
        daily.close();
        whereby.close();
    }

    @BeforeEach
    void clientsAndProviders() {
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
        whereby.reset();
        whereby.on("POST", "/meetings", request -> {
            String room = "/" + request.json().get("roomNamePrefix").stringValue() + "-" + UUID.randomUUID();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            return Reply.json(201, """
                    {"meetingId":"%s","roomName":"%s","roomUrl":"https://acme.whereby.com%s",
                     "hostRoomUrl":"https://acme.whereby.com%s?roomKey=host-key","startDate":"%s","endDate":"%s"}
                    """.formatted(Math.abs(UUID.randomUUID().getMostSignificantBits()), room, room, room, now,
                    request.json().get("endDate").stringValue()));
        });
        whereby.on("DELETE", "/meetings/.*", Reply.empty(204));
    }

    /** A request as the web app's API client sends it: JSON content type even without a body. */
    static Response page(HttpJson caller, String method, String path, @Nullable String body) {
        return body == null
                ? caller.send(method, path, null, Map.of("Content-Type", "application/json"))
                : caller.send(method, path, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Alice's room, saved by the rooms page for {@code platform} (its Daily rules: group, trigger from type). */
    static String alicesRoom(String platform, boolean icsEnabled, boolean shared, boolean skipConsent) {
        String name = "page-" + UUID.randomUUID().toString().substring(0, 8);
        boolean daily = platform.equals("daily");
        Response created = page(gateway.http().as(tokens.tokenFor("alice")), "POST", "/v1/rooms", """
                {"name":"%s","zulip_auto_post":false,"zulip_stream":"","zulip_topic":"","is_locked":false,\
                "room_mode":"%s","recording_type":"cloud","recording_trigger":"automatic-2nd-participant",\
                "is_shared":%s,"webhook_url":"","webhook_secret":"","ics_url":"","ics_enabled":%s,\
                "ics_fetch_interval":5,"platform":"%s","skip_consent":%s}""".formatted(name,
                daily ? "group" : "normal", shared, icsEnabled, platform, skipConsent));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return name;
    }

    /** useRoomDefaultMeeting: what every visit to a room without a calendar sends. */
    static Response defaultMeeting(HttpJson caller, String roomName) {
        return page(caller, "POST", "/v1/rooms/" + roomName + "/meeting", "{\"allow_duplicated\":false}");
    }

    /** Every field the meeting page and its components read from a meeting. */
    static void assertMeetingFields(JsonNode meeting, String platform) {
        assertThat(meeting.get("id").stringValue()).isNotBlank();
        assertThat(meeting.get("platform").stringValue()).isEqualTo(platform);
        assertThat(meeting.get("recording_type").stringValue()).isEqualTo("cloud");
        assertThat(meeting.get("room_url").stringValue()).startsWith("https://");
        assertThat(meeting.has("host_room_url")).isTrue();
        assertThat(Instant.parse(meeting.get("start_date").stringValue()))
                .isBefore(Instant.parse(meeting.get("end_date").stringValue()));
        assertThat(meeting.get("num_clients").isNumber()).isTrue();
        assertThat(meeting.has("calendar_metadata")).isTrue();
        assertThat(meeting.get("is_active").booleanValue()).isTrue();
    }

    static String uuidV5(UUID namespace, String name) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    @Test
    void aDailyRoomPageLoadsJoinsRecordsTakesConsentAndTheOwnerEndsIt() throws Exception {
        String room = alicesRoom("daily", false, false, false);

        Response byName = page(bob, "GET", "/v1/rooms/name/" + room, null);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("ics_enabled").booleanValue()).isFalse();
        assertThat(byName.json().get("skip_consent").booleanValue()).isFalse();
        assertThat(byName.json().get("user_id").stringValue()).as("bob is not the owner").isNotEqualTo("bob");
        Response created = defaultMeeting(bob, room);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode meeting = created.json();
        assertMeetingFields(meeting, "daily");
        assertThat(defaultMeeting(alice, room).json().get("id").stringValue()).as("one meeting for the room")
                .isEqualTo(meeting.get("id").stringValue());
        String meetingId = meeting.get("id").stringValue();

        Response joined = page(bob, "POST", "/v1/rooms/" + room + "/meetings/" + meetingId + "/join", null);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().get("room_url").stringValue())
                .isEqualTo(meeting.get("room_url").stringValue() + "?t=token-for-bob");
        Response anonymousJoin = page(anonymous, "POST", "/v1/rooms/" + room + "/meetings/" + meetingId + "/join",
                null);
        assertThat(anonymousJoin.json().get("room_url").stringValue()).isEqualTo(meeting.get("room_url").stringValue());

        String start = "/v1/meetings/" + meetingId + "/recordings/start";
        daily.on("POST", "/rooms/.*/recordings/start", Reply.json(404,
                "{\"error\":\"not-found\",\"info\":\"room " + meeting.get("room_name").stringValue()
                        + " does not seem to be hosting a call currently\"}"));
        Response tooEarly = page(bob, "POST", start, "{\"type\":\"cloud\",\"instanceId\":\"" + meetingId + "\"}");
        assertThat(tooEarly.status()).isGreaterThanOrEqualTo(500);
        assertThat(tooEarly.json().get("detail").stringValue()).as("the page retries on these words")
                .contains("does not seem to be hosting a call")
                .doesNotContain(meeting.get("room_name").stringValue());
        daily.on("POST", "/rooms/.*/recordings/start", Reply.json(200, "{\"status\":\"ok\"}"));
        Response cloud = page(bob, "POST", start, "{\"type\":\"cloud\",\"instanceId\":\"" + meetingId + "\"}");
        String rawTracksId = uuidV5(RAW_TRACKS_NAMESPACE, meetingId);
        Response rawTracks = page(bob, "POST", start, "{\"type\":\"raw-tracks\",\"instanceId\":\"" + rawTracksId + "\"}");
        daily.on("POST", "/rooms/.*/recordings/start",
                Reply.json(400, "{\"error\":\"invalid-request-error\",\"info\":\"has an active stream\"}"));
        Response aliceToo = page(alice, "POST", start, "{\"type\":\"raw-tracks\",\"instanceId\":\"" + rawTracksId + "\"}");
        assertThat(cloud.status()).as(cloud.toString()).isEqualTo(200);
        assertThat(cloud.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(rawTracks.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(aliceToo.status()).isEqualTo(200);
        assertThat(aliceToo.json().get("status").stringValue()).isEqualTo("already_active");
        List<String> instanceIds = new ArrayList<>();
        daily.requests("POST", "/rooms/.*/recordings/start").forEach(r -> instanceIds.add(r.json().get("instanceId")
                .stringValue()));
        assertThat(instanceIds).contains(meetingId, rawTracksId);

        Response consent = page(anonymous, "POST", "/v1/meetings/" + meetingId + "/consent", "{\"consent_given\":true}");
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        assertThat(consent.json().get("status").stringValue()).isEqualTo("success");
        Response bobsConsent = page(bob, "POST", "/v1/meetings/" + meetingId + "/consent", "{\"consent_given\":false}");
        assertThat(bobsConsent.json().get("status").stringValue()).isEqualTo("success");

        Response ended = page(alice, "PATCH", "/v1/meetings/" + meetingId + "/deactivate", null);
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json().get("status").stringValue()).isEqualTo("success");
        assertThat(ended.json().get("meeting_id").stringValue()).isEqualTo(meetingId);
        Response notTheOwner = page(bob, "PATCH", "/v1/meetings/" + meetingId + "/deactivate", null);
        assertThat(notTheOwner.status()).isEqualTo(403);
        assertThat(notTheOwner.json().get("detail").stringValue())
                .isEqualTo("Only the room owner can deactivate meetings");
        Response signedOut = page(anonymous, "PATCH", "/v1/meetings/" + meetingId + "/deactivate", null);
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.json().get("detail").stringValue()).isEqualTo("Not authenticated");
    }

    @Test
    void aWherebyRoomPageGivesTheOwnerTheHostUrlAndOthersTheRoomUrl() {
        String room = alicesRoom("whereby", false, false, false);

        Response visitor = defaultMeeting(anonymous, room);
        Response owner = defaultMeeting(alice, room);

        assertThat(visitor.status()).as(visitor.toString()).isEqualTo(200);
        assertMeetingFields(visitor.json(), "whereby");
        assertThat(visitor.json().get("host_room_url").stringValue()).as("getWherebyUrl falls back to room_url")
                .isEmpty();
        assertThat(owner.json().get("id").stringValue()).isEqualTo(visitor.json().get("id").stringValue());
        assertThat(owner.json().get("host_room_url").stringValue()).endsWith("?roomKey=host-key");
        String meetingId = visitor.json().get("id").stringValue();
        Response consent = page(anonymous, "POST", "/v1/meetings/" + meetingId + "/consent", "{\"consent_given\":true}");
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        assertThat(consent.json().get("status").stringValue()).isEqualTo("success");
        Response ended = page(alice, "PATCH", "/v1/meetings/" + meetingId + "/deactivate", null);
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(whereby.requests("DELETE", "/meetings/.*")).hasSize(1);
    }

    @Test
    void anUnknownRoomIsNotFoundWhereThePageLooksForIt() {
        String unknown = "page-none-" + UUID.randomUUID().toString().substring(0, 8);

        Response byName = page(anonymous, "GET", "/v1/rooms/name/" + unknown, null);
        Response meeting = defaultMeeting(anonymous, unknown);

        assertThat(byName.status()).isEqualTo(404);
        assertThat(meeting.status()).as("useRoomDefaultMeeting shows no error of its own for 404").isEqualTo(404);
        assertThat(meeting.json().get("detail").stringValue()).isEqualTo("Room not found");
    }

    @Test
    void aCalendarRoomHasSeveralMeetingsWhichItsOwnerAndSharedRoomUsersStartAndTheOwnerEnds() {
        String room = alicesRoom("daily", true, true, false);
        String duplicate = "{\"allow_duplicated\":true}"; // RoomContainer: allow_duplicated = room.ics_enabled

        Response first = page(alice, "POST", "/v1/rooms/" + room + "/meeting", duplicate);
        Response second = page(alice, "POST", "/v1/rooms/" + room + "/meeting", duplicate);
        Response bobs = page(bob, "POST", "/v1/rooms/" + room + "/meeting", duplicate);
        Response stranger = page(anonymous, "POST", "/v1/rooms/" + room + "/meeting", duplicate);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(bobs.status()).as(bobs.toString()).isEqualTo(200);
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(List.of(first.json().get("id").stringValue(), second.json().get("id").stringValue(),
                bobs.json().get("id").stringValue())).doesNotHaveDuplicates();
        Response active = page(bob, "GET", "/v1/rooms/" + room + "/meetings/active", null);
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.json().size()).isEqualTo(3);
        active.json().forEach(meeting -> assertMeetingFields(meeting, "daily"));
        String selected = second.json().get("id").stringValue();
        Response explicit = page(bob, "GET", "/v1/rooms/" + room + "/meetings/" + selected, null);
        assertThat(explicit.status()).isEqualTo(200);
        assertMeetingFields(explicit.json(), "daily");

        Response ended = page(alice, "PATCH", "/v1/meetings/" + selected + "/deactivate", null);

        assertThat(ended.json().get("status").stringValue()).isEqualTo("success");
        JsonNode stillActive = page(bob, "GET", "/v1/rooms/" + room + "/meetings/active", null).json();
        assertThat(stillActive.size()).isEqualTo(2);
        stillActive.forEach(meeting -> assertThat(meeting.get("id").stringValue()).isNotEqualTo(selected));
    }
}
