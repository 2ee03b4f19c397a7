package app.meetingbridge.meetings.provider.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.NewProviderRoom;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderRoom;
import app.meetingbridge.meetings.provider.ProviderSession;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.RecordingStart;
import app.meetingbridge.meetings.provider.ResilienceProperties;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The Whereby client against a fake Whereby that answers as Whereby's OpenAPI document shows. */
class WherebyVideoProviderTest {

    static final Instant END = Instant.parse("2026-11-26T11:00:00Z");
    static final String MEETING_JSON = """
            {"meetingId":"91370135","roomName":"/team-e0c1b0f2-5b0a-4f0c-9f0b-2a5b1b2c3d4e",
             "roomUrl":"https://acme.whereby.com/team-e0c1b0f2-5b0a-4f0c-9f0b-2a5b1b2c3d4e",
             "hostRoomUrl":"https://acme.whereby.com/team-e0c1b0f2-5b0a-4f0c-9f0b-2a5b1b2c3d4e?roomKey=abc",
             "startDate":"2026-11-26T03:00:00.000Z","endDate":"2026-11-26T11:00:00.000Z"}""";

    final FakeHttpServer whereby = new FakeHttpServer();

    @AfterEach
    void stop() {
        whereby.close();
    }

    WherebyVideoProvider provider(Duration timeout) {
        return provider(timeout, "");
    }

    WherebyVideoProvider provider(Duration timeout, String logoPath) {
        return provider(timeout, logoPath, new SimpleMeterRegistry());
    }

    WherebyVideoProvider provider(Duration timeout, String logoPath, SimpleMeterRegistry meters) {
        var resilience = new ResilienceProperties(timeout, 3, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofSeconds(2), 4, 50, Duration.ofSeconds(1),
                Map.of("read", 50.0, "write", 50.0, "delete", 50.0), Duration.ofSeconds(5));
        return new WherebyVideoProvider(new WherebyProperties("whereby-key", whereby.baseUri(), "secret",
                "whereby-recordings", "eu-west-1", "AKIAEXAMPLE", "s3cr3t", logoPath, resilience, null, ""), meters);
    }

    /** Times out after 5 s: a request to the fake can take a few hundred ms on a machine busy with other builds. */
    WherebyVideoProvider provider() {
        return provider(Duration.ofSeconds(5));
    }

    static NewProviderRoom newRoom(String roomName, String recordingType) {
        return new NewProviderRoom(roomName.toLowerCase() + "-20261126030000-abcd1234", roomName, END,
                new MeetingSettings(true, "group", recordingType, "automatic-2nd-participant", Platform.WHEREBY));
    }

    @Test
    void createsAMeetingWithTheDocumentedRequest() {
        whereby.on("POST", "/meetings", Reply.json(201, MEETING_JSON));

        ProviderRoom room = provider().createRoom(newRoom("Team_Room-1", "cloud"));

        var sent = whereby.requests().get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer whereby-key");
        JsonNode body = sent.json();
        assertThat(body.get("endDate").stringValue()).isEqualTo("2026-11-26T11:00:00Z");
        assertThat(body.get("isLocked").booleanValue()).isTrue();
        assertThat(body.get("roomMode").stringValue()).isEqualTo("group");
        assertThat(body.get("roomNamePrefix").stringValue()).isEqualTo("teamroom1");
        assertThat(body.get("roomNamePattern").stringValue()).isEqualTo("uuid");
        assertThat(body.get("fields")).extracting(JsonNode::stringValue).containsExactly("hostRoomUrl");
        JsonNode recording = body.get("recording");
        assertThat(recording.get("type").stringValue()).isEqualTo("cloud");
        assertThat(recording.get("startTrigger").stringValue()).isEqualTo("automatic-2nd-participant");
        JsonNode destination = recording.get("destination");
        assertThat(destination.get("provider").stringValue()).isEqualTo("s3");
        assertThat(destination.get("bucket").stringValue()).isEqualTo("whereby-recordings");
        assertThat(destination.get("accessKeyId").stringValue()).isEqualTo("AKIAEXAMPLE");
        assertThat(destination.get("accessKeySecret").stringValue()).isEqualTo("s3cr3t");
        assertThat(destination.get("fileFormat").stringValue()).isEqualTo("mp4");
        assertThat(body.has("startDate")).isFalse();
        assertThat(room.providerMeetingId()).isEqualTo("91370135");
        assertThat(room.roomName()).isEqualTo("/team-e0c1b0f2-5b0a-4f0c-9f0b-2a5b1b2c3d4e");
        assertThat(room.hostRoomUrl()).contains("roomKey=abc");
    }

    @Test
    void leavesRecordingOutUnlessItIsCloud() {
        whereby.on("POST", "/meetings", Reply.json(201, MEETING_JSON));

        provider().createRoom(newRoom("team", "none"));

        assertThat(whereby.requests().get(0).json().has("recording")).isFalse();
    }

    @Test
    void keepsRoomNamePrefixesWithinWherebysPattern() {
        assertThat(WherebyVideoProvider.roomNamePrefix("A".repeat(64))).hasSize(39).matches("[a-z0-9]{0,39}");
        assertThat(WherebyVideoProvider.roomNamePrefix("my_room-2")).isEqualTo("myroom2");
    }

    @Test
    void retriesA429AfterItsRetryAfter() {
        whereby.on("POST", "/meetings", request -> whereby.requests().size() == 1
                ? Reply.json(429, "{\"error\":\"Too many requests\",\"data\":{\"msLeft\":1000}}").withHeader("Retry-After", "1")
                : Reply.json(201, MEETING_JSON));

        long started = System.nanoTime();
        provider().createRoom(newRoom("team", "none"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(whereby.requests()).hasSize(2);
    }

    @Test
    void doesNotRetryACreateThatTimedOutSinceWherebyMayHaveMadeIt() {
        // times with room to spare: on a loaded machine a short timeout can pass before the request arrives
        whereby.on("POST", "/meetings", Reply.json(201, MEETING_JSON).after(Duration.ofSeconds(10)));

        assertThatThrownBy(() -> provider(Duration.ofSeconds(5)).createRoom(newRoom("team", "none")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("not retried");
        // the fake records a request once its thread has read it, which a busy machine may do after the client gave up
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !whereby.requests().isEmpty());
        assertThat(whereby.requests()).hasSize(1);
    }

    @Test
    void refusesWithoutRetryOnForbidden() {
        whereby.on("POST", "/meetings", Reply.json(403, "{\"error\":\"Forbidden\"}"));

        assertThatThrownBy(() -> provider().createRoom(newRoom("team", "none")))
                .isInstanceOf(ProviderRejectedException.class);
        assertThat(whereby.requests()).hasSize(1);
    }

    @Test
    void deletesByMeetingIdAndAcceptsAnAlreadyDeletedOne() {
        whereby.on("DELETE", "/meetings/91370135", Reply.empty(204));

        provider().deleteRoom("91370135", "/team-x");
        provider().deleteRoom("91370135", "/team-x");

        assertThat(whereby.requests()).hasSize(2).allMatch(r -> r.path().equals("/meetings/91370135"));
    }

    @Test
    void readsRoomSessionsFromInsights() {
        whereby.on("GET", "/insights/room-sessions", Reply.json(200, """
                {"cursor":null,"results":[
                 {"roomSessionId":"s-1","roomName":"/team-x","startedAt":"2026-11-26T03:00:00.000Z","endedAt":"2026-11-26T04:00:00.000Z"},
                 {"roomSessionId":"s-2","roomName":"/team-x","startedAt":"2026-11-26T05:00:00.000Z","endedAt":null}]}"""));

        List<ProviderSession> sessions = provider().sessions("/team-x");

        assertThat(java.net.URLDecoder.decode(whereby.requests().get(0).query(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("roomName=/team-x");
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(1).endedAt()).isNull();
        assertThat(sessions.get(0).endedAt()).isEqualTo(Instant.parse("2026-11-26T04:00:00Z"));
    }

    @Test
    void hasNoPresenceTokensOrApiRecordingStarts() {
        assertThat(provider().presence("/team-x")).isEmpty();
        assertThat(provider().startRecording("/team-x", RecordingStart.Kind.CLOUD, "i")).isEmpty();
        assertThat(whereby.requests()).isEmpty();
    }

    @Test
    void retriesAServerErrorAndReportsItWhenItPersists() {
        whereby.on("POST", "/meetings", Reply.json(502, "{\"error\":\"Bad gateway\"}"));

        assertThatThrownBy(() -> provider().createRoom(newRoom("team", "none")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("502");
        assertThat(whereby.requests()).hasSize(3);
    }

    @Test
    void reportsMalformedJsonAsUnavailable() {
        whereby.on("POST", "/meetings", Reply.json(201, "<html>oops</html>"));

        assertThatThrownBy(() -> provider().createRoom(newRoom("team", "none")))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void putsTheConfiguredLogoOnTheNewRoomAndSurvivesAFailedUpload(@TempDir Path dir) throws Exception {
        Path logo = Files.write(dir.resolve("logo.png"), WherebyLogoTest.png(64));
        whereby.on("POST", "/meetings", Reply.json(201, MEETING_JSON));
        whereby.on("PUT", "/rooms/.*/theme/logo", Reply.json(400, "{\"error\":\"image too small\"}"));

        ProviderRoom room = provider(Duration.ofSeconds(5), logo.toString()).createRoom(newRoom("team", "none"));

        var upload = whereby.requests("PUT", ".*").get(0);
        assertThat(upload.path()).isEqualTo("/rooms/team-e0c1b0f2-5b0a-4f0c-9f0b-2a5b1b2c3d4e/theme/logo");
        assertThat(upload.header("Content-Type")).startsWith("multipart/form-data");
        assertThat(upload.body()).contains("name=\"image\"").contains("Content-Type: image/png").contains("PNG");
        assertThat(room.providerMeetingId()).isEqualTo("91370135");
    }

    @Test
    void refusesToStartWithAnUnusableLogoNamingTheSetting(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("logo.png"), "not an image");

        for (String path : List.of(dir.resolve("missing.png").toString(), dir.toString(), text.toString())) {
            assertThatThrownBy(() -> provider(Duration.ofSeconds(5), path))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("WHEREBY_LOGO_PATH=" + path);
        }
        assertThat(whereby.requests()).isEmpty();
    }

    @Test
    void readsTheLogoOnceAtStartSoAFileGoneLaterIsNeverCountedAgainstWhereby(@TempDir Path dir) throws Exception {
        byte[] image = WherebyLogoTest.png(200);
        Path logo = Files.write(dir.resolve("logo.png"), image);
        whereby.on("POST", "/meetings", Reply.json(201, MEETING_JSON));
        whereby.on("PUT", "/rooms/.*/theme/logo", Reply.empty(204));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WherebyVideoProvider provider = provider(Duration.ofSeconds(5), logo.toString(), meters);

        Files.delete(logo);
        for (int i = 0; i < 5; i++) {
            provider.createRoom(newRoom("team", "none"));
        }

        assertThat(whereby.requests("PUT", ".*")).hasSize(5)
                .allSatisfy(upload -> assertThat(upload.body()).contains("Content-Type: image/png"));
        assertThat(meters.get("resilience4j.circuitbreaker.calls").tag("kind", "failed").timer().count()).isZero();
        assertThat(meters.get("resilience4j.circuitbreaker.calls").tag("kind", "successful").timer().count())
                .isEqualTo(10);
    }
}
