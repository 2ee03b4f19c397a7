package app.meetingbridge.gateway.webhook;

import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/whereby}: Whereby's signature and 60 s age, durable intake, its event shapes. */
class WherebyWebhookIT extends GatewayTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port);
    }

    /** Whereby's scheme, computed here independently: hex HMAC-SHA256 of "t.body" with the secret as given. */
    static String header(String secret, long t, byte[] signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(signed));
    }

    Response post(String json, String signature) {
        return http.post("/v1/whereby", json.getBytes(StandardCharsets.UTF_8), Map.of("Whereby-Signature", signature));
    }

    Response signedPost(String json) throws Exception {
        return post(json, header(WHEREBY_SECRET, Instant.now().getEpochSecond(), json.getBytes(StandardCharsets.UTF_8)));
    }

    static String event(String id, String type, String data) {
        return "{\"id\":\"" + id + "\",\"apiVersion\":\"1.0\",\"createdAt\":\"2026-11-26T03:00:00.000Z\",\"type\":\""
                + type + "\",\"data\":" + data + "}";
    }

    JsonNode message(String eventId) {
        var row = db.fetchOne(OUTBOX, OUTBOX.EVENT_ID.eq("whereby:" + eventId));
        return row == null ? null : HttpJson.parse(row.getPayload().data());
    }

    @Test
    void takesTheAbsoluteClientCountOfAJoin() throws Exception {
        String id = UUID.randomUUID().toString();

        Response response = signedPost(event(id, "room.client.joined", """
                {"meetingId":"91370135","roomName":"/team-e0c1b0f2","subdomain":"acme","displayName":"Ada",
                 "roomSessionId":"rs-1","participantId":"p-1","metadata":null,"externalId":"user-1",
                 "roleName":"member","numClients":3,"numClientsByRoleName":{"member":3},"isDialIn":false}"""));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode joined = message(id);
        assertThat(joined.get("numClients").intValue()).isEqualTo(3);
        assertThat(joined.get("providerMeetingId").stringValue()).isEqualTo("91370135");
        assertThat(joined.get("providerRoomName").stringValue()).isEqualTo("/team-e0c1b0f2");
        assertThat(joined.get("userId").stringValue()).isEqualTo("user-1");
        assertThat(joined.get("platform").stringValue()).isEqualTo("WHEREBY");
    }

    @Test
    void acceptsTheReSerialisedBodyWhereWherebySignsJsonStringifyWithUnicodeNames() throws Exception {
        String id = UUID.randomUUID().toString();
        String pretty = "{\n  \"id\": \"" + id + "\",\n  \"type\": \"room.client.left\",\n  \"createdAt\": \"2026-11-26T03:00:00.000Z\",\n"
                + "  \"data\": {\"meetingId\": \"1\", \"roomName\": \"/r\", \"displayName\": \"Zoë 北京\", \"participantId\": \"p\", \"numClients\": 0}\n}";
        String stringified = HttpJson.parse(pretty).toString();

        Response response = post(pretty, header(WHEREBY_SECRET, Instant.now().getEpochSecond(),
                stringified.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(message(id).get("userName").stringValue()).isEqualTo("Zoë 北京");
        assertThat(message(id).get("numClients").intValue()).isZero();
    }

    @Test
    void refusesAnythingOlderThanSixtySecondsMissingOrTampered() throws Exception {
        String json = event(UUID.randomUUID().toString(), "room.client.joined", "{\"meetingId\":\"1\",\"participantId\":\"p\"}");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        assertThat(post(json, header(WHEREBY_SECRET, Instant.now().minusSeconds(120).getEpochSecond(), body)).status())
                .isEqualTo(401);
        assertThat(http.post("/v1/whereby", body, Map.of()).status()).isEqualTo(401);
        assertThat(post(json, "garbage").status()).isEqualTo(401);
        assertThat(post(json.replace("\"p\"", "\"q\""), header(WHEREBY_SECRET, Instant.now().getEpochSecond(), body))
                .status()).isEqualTo(401);
        assertThat(post(json, header("other-secret", Instant.now().getEpochSecond(), body)).status()).isEqualTo(401);
    }

    @Test
    void storesARepeatedEventOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String json = event(id, "room.client.left", "{\"meetingId\":\"1\",\"participantId\":\"p\",\"numClients\":1}");

        signedPost(json);
        signedPost(json);

        assertThat(db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.PROVIDER.eq("whereby").and(WEBHOOK_INBOX.EVENT_ID.eq(id))))
                .isEqualTo(1);
        assertThat(db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.eq("whereby:" + id))).isEqualTo(1);
    }

    @Test
    void readsSessionsAndFinishedRecordingsAndKeepsOtherTypes() throws Exception {
        String session = UUID.randomUUID().toString();
        String recording = UUID.randomUUID().toString();
        String knock = UUID.randomUUID().toString();

        signedPost(event(session, "room.session.ended", "{\"meetingId\":\"1\",\"roomName\":\"/r\",\"roomSessionId\":\"rs\"}"));
        signedPost(event(recording, "recording.finished", """
                {"meetingId":"1","roomName":"/r","recordingId":"rec-9","filename":"r-2026-11-26T03:00:00Z.mp4","status":"completed"}"""));
        Response kept = signedPost(event(knock, "room.client.knocked", "{\"meetingId\":\"1\",\"roomName\":\"/r\"}"));

        assertThat(message(session).get("started").booleanValue()).isFalse();
        assertThat(message(recording).get("s3Key").stringValue()).isEqualTo("r-2026-11-26T03:00:00Z.mp4");
        // known by its file, as the bucket's S3 events and the bucket scan know it
        assertThat(message(recording).get("providerRecordingId").stringValue()).isEqualTo("r-2026-11-26T03:00:00Z.mp4");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(message(knock)).isNull();
        assertThat(db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.EVENT_ID.eq(knock))).isEqualTo(1);
    }

    @Test
    void storesAnEventWhoseIdIsTooLongForTheInboxUnderAStableHashOfItSoRedeliveriesStillDedupe() throws Exception {
        String longId = UUID.randomUUID() + "-" + "i".repeat(300);
        String json = event(longId, "room.client.left", "{\"meetingId\":\"1\",\"participantId\":\"p\",\"numClients\":1}");

        Response first = signedPost(json);
        Response again = signedPost(json);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        var rows = db.selectFrom(WEBHOOK_INBOX).where(WEBHOOK_INBOX.PROVIDER.eq("whereby"))
                .and(WEBHOOK_INBOX.PAYLOAD.cast(String.class).contains(longId)).fetch();
        assertThat(rows).hasSize(1);
        String storedId = rows.get(0).getEventId();
        assertThat(storedId).startsWith("sha256-id-").hasSizeLessThanOrEqualTo(255);
        assertThat(message(storedId).get("numClients").intValue()).isEqualTo(1);
        assertThat(db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.eq("whereby:" + storedId))).isEqualTo(1);
    }

    @Test
    void keepsAndAcknowledgesAnEventWhoseTypeIsTooLongForTheInboxLikeAnyTypeWeDoNotHandle() throws Exception {
        String id = UUID.randomUUID().toString();
        String longType = "room.client.joined." + "t".repeat(200);

        Response response = signedPost(event(id, longType, "{\"meetingId\":\"1\",\"roomName\":\"/r\",\"participantId\":\"p\"}"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var row = db.fetchSingle(WEBHOOK_INBOX, WEBHOOK_INBOX.PROVIDER.eq("whereby").and(WEBHOOK_INBOX.EVENT_ID.eq(id)));
        assertThat(row.getEventType()).isEqualTo(longType.substring(0, 128));
        assertThat(row.getPayload().data()).contains(longType);
        assertThat(message(id)).isNull();
    }

    @Test
    void refusesAnOversizedBodyWith413() throws Exception {
        String json = event(UUID.randomUUID().toString(), "room.client.joined",
                "{\"meetingId\":\"1\",\"participantId\":\"p\",\"displayName\":\"" + "x".repeat(70_000) + "\"}");

        Response response = signedPost(json);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").stringValue()).contains("larger than");
    }

    @Test
    void refusesMalformedJsonWith400() throws Exception {
        assertThat(signedPost("{\"id\": ").status()).isEqualTo(400);
    }
}
