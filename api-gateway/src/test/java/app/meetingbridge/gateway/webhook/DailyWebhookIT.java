package app.meetingbridge.gateway.webhook;

import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.db.Tables.WEBHOOK_INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/daily/webhook}: Daily's signature, the ping, durable intake, and every event shape. */
class DailyWebhookIT extends GatewayTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    @Autowired
    MeterRegistry meters;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port);
    }

    /** Daily's scheme, computed here independently of the production code. */
    static String sign(String secretBase64, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secretBase64), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    Response post(byte[] body, String timestamp, String signature) {
        return http.post("/v1/daily/webhook", body, Map.of("X-Webhook-Timestamp", timestamp, "X-Webhook-Signature", signature));
    }

    Response signedPost(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return post(body, timestamp, sign(DAILY_SECRET, timestamp, body));
    }

    static String event(String id, String type, String payload) {
        return "{\"version\":\"1.0.0\",\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"payload\":" + payload
                + ",\"event_ts\":" + Instant.now().getEpochSecond() + ".25}";
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    int inboxRows(String eventId) {
        return db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.PROVIDER.eq("daily").and(WEBHOOK_INBOX.EVENT_ID.eq(eventId)));
    }

    JsonNode outboxMessage(String eventId) {
        var row = db.fetchOne(OUTBOX, OUTBOX.EVENT_ID.eq("daily:" + eventId));
        if (row == null) {
            return null;
        }
        JsonNode payload = HttpJson.parse(row.getPayload().data());
        ((tools.jackson.databind.node.ObjectNode) payload).put("_routingKey", row.getRoutingKey());
        ((tools.jackson.databind.node.ObjectNode) payload).put("_type", row.getMessageType());
        return payload;
    }

    @Test
    void acceptsASignedParticipantJoinAndStoresItWithItsMessage() throws Exception {
        String id = newId("pj");
        Response response = signedPost(event(id, "participant.joined", """
                {"joined_at":1732600000.96,"session_id":"sess-1","room":"team-20261126030000-abcd1234",
                 "user_id":"user-1","user_name":"Ada","owner":false,"will_eject_at":null,"permissions":{}}"""));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(inboxRows(id)).isEqualTo(1);
        JsonNode message = outboxMessage(id);
        assertThat(message.get("_routingKey").stringValue()).isEqualTo("participant.joined");
        assertThat(message.get("_type").stringValue()).isEqualTo("participant.joined");
        assertThat(message.get("providerRoomName").stringValue()).isEqualTo("team-20261126030000-abcd1234");
        assertThat(message.get("sessionId").stringValue()).isEqualTo("sess-1");
        assertThat(message.get("userName").stringValue()).isEqualTo("Ada");
        assertThat(message.get("platform").stringValue()).isEqualTo("DAILY");
        assertThat(message.get("joinedAt").stringValue()).startsWith("2024-11-26T05:46:40.96");
    }

    @Test
    void verifiesOverTheRawBytesWhateverTheirWhitespaceKeyOrderOrScript() throws Exception {
        String id = newId("uni");
        String json = "{ \"payload\" : {\"room_name\":\"r-1\",\n \"user_name\": \"Zoë 北京 🙂\", \"session_id\":\"s-9\"},"
                + "\n  \"type\":\"participant.left\", \"id\":\"" + id + "\" }";

        Response response = signedPost(json);

        assertThat(response.status()).isEqualTo(200);
        assertThat(outboxMessage(id).get("userName").stringValue()).isEqualTo("Zoë 北京 🙂");
        assertThat(outboxMessage(id).get("providerRoomName").stringValue()).isEqualTo("r-1");
    }

    @Test
    void keepsAParticipantLeftWhoseDurationIsAbsurdAndDatesItByTheEvent() throws Exception {
        for (String duration : List.of("1e300", "-5", "9223372036854775807", "31536000")) {
            String id = newId("absurd");
            String json = event(id, "participant.left", "{\"session_id\":\"s\",\"room\":\"r\",\"duration\":"
                    + duration + ",\"joined_at\":1732600000}");

            Response response = signedPost(json);

            assertThat(response.status()).as("duration " + duration).isEqualTo(200);
            assertThat(inboxRows(id)).isEqualTo(1);
            assertThat(Instant.parse(outboxMessage(id).get("leftAt").stringValue()))
                    .as("left at the event's time, not joined_at + " + duration).isAfter(Instant.now().minusSeconds(600));
        }
        String sane = newId("sane");
        assertThat(signedPost(event(sane, "participant.left",
                "{\"session_id\":\"s\",\"room\":\"r\",\"duration\":12.5,\"joined_at\":1732600000}")).status())
                .isEqualTo(200);
        assertThat(Instant.parse(outboxMessage(sane).get("leftAt").stringValue()))
                .isEqualTo(Instant.parse("2024-11-26T05:46:52.500Z"));
    }

    @Test
    void storesARedeliveredEventOnce() throws Exception {
        String id = newId("dup");
        String json = event(id, "participant.left", "{\"session_id\":\"s\",\"room\":\"r\",\"duration\":12.5,\"joined_at\":1732600000}");

        assertThat(signedPost(json).status()).isEqualTo(200);
        assertThat(signedPost(json).status()).isEqualTo(200);

        assertThat(inboxRows(id)).isEqualTo(1);
        assertThat(db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.eq("daily:" + id))).isEqualTo(1);
        assertThat(meters.counter("webhooks.received", "provider", "daily", "outcome", "duplicate", "reason", "none")
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesTamperedBodiesTimestampsAndSecretsWith401() throws Exception {
        byte[] body = event(newId("t"), "participant.joined", "{\"session_id\":\"s\",\"room\":\"r\"}").getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String good = sign(DAILY_SECRET, timestamp, body);
        byte[] tampered = body.clone();
        tampered[tampered.length - 2] = (byte) '9';

        assertThat(post(tampered, timestamp, good).status()).isEqualTo(401);
        assertThat(post(body, String.valueOf(Long.parseLong(timestamp) + 1), good).status()).isEqualTo(401);
        assertThat(post(body, timestamp, sign(Base64.getEncoder().encodeToString("other".getBytes()), timestamp, body))
                .status()).isEqualTo(401);
        Response unsigned = http.post("/v1/daily/webhook", body, Map.of());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().get("detail").stringValue()).isEqualTo("Invalid webhook signature");
    }

    @Test
    void refusesAReplayOutsideTheWindowEvenWhenCorrectlySigned() throws Exception {
        String id = newId("old");
        byte[] body = event(id, "participant.joined", "{\"session_id\":\"s\",\"room\":\"r\"}").getBytes(StandardCharsets.UTF_8);
        String twoHoursAgo = String.valueOf(Instant.now().minusSeconds(7200).getEpochSecond());

        Response response = post(body, twoHoursAgo, sign(DAILY_SECRET, twoHoursAgo, body));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").stringValue()).contains("window");
        assertThat(inboxRows(id)).isZero();
    }

    @Test
    void answersTheVerificationPingWithoutStoringIt() throws Exception {
        Response ping = signedPost("{\"test\":\"test\"}");

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().get("status").stringValue()).isEqualTo("ok");
    }

    @Test
    void keepsAndAcknowledgesUnknownTypesWithoutActingOnThem() throws Exception {
        String id = newId("unk");

        Response response = signedPost(event(id, "streaming.started", "{\"room\":\"r\"}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(inboxRows(id)).isEqualTo(1);
        assertThat(outboxMessage(id)).isNull();
    }

    @Test
    void storesAnEventWhoseIdIsTooLongForTheInboxUnderAStableHashOfItSoRedeliveriesStillDedupe() throws Exception {
        String longId = newId("long") + "-" + "i".repeat(300);
        String json = event(longId, "participant.left", "{\"session_id\":\"s\",\"room\":\"r\"}");

        Response first = signedPost(json);
        Response again = signedPost(json);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        var rows = db.selectFrom(WEBHOOK_INBOX).where(WEBHOOK_INBOX.PROVIDER.eq("daily"))
                .and(WEBHOOK_INBOX.PAYLOAD.cast(String.class).contains(longId)).fetch();
        assertThat(rows).hasSize(1);
        String storedId = rows.get(0).getEventId();
        assertThat(storedId).startsWith("sha256-id-").hasSizeLessThanOrEqualTo(255);
        assertThat(outboxMessage(storedId).get("_routingKey").stringValue()).isEqualTo("participant.left");
        assertThat(db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.eq("daily:" + storedId))).isEqualTo(1);
    }

    @Test
    void keepsAndAcknowledgesAnEventWhoseTypeIsTooLongForTheInboxLikeAnyTypeWeDoNotHandle() throws Exception {
        String id = newId("longtype");
        String longType = "participant.joined." + "t".repeat(200);

        Response response = signedPost(event(id, longType, "{\"session_id\":\"s\",\"room\":\"r\"}"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var row = db.fetchSingle(WEBHOOK_INBOX, WEBHOOK_INBOX.PROVIDER.eq("daily").and(WEBHOOK_INBOX.EVENT_ID.eq(id)));
        assertThat(row.getEventType()).isEqualTo(longType.substring(0, 128));
        assertThat(row.getPayload().data()).contains(longType);
        assertThat(outboxMessage(id)).isNull();
    }

    @Test
    void refusesMalformedJsonWith400AndAnEmptyBodyToo() throws Exception {
        assertThat(signedPost("{\"type\": \"participant.joined\", ").status()).isEqualTo(400);
        assertThat(signedPost("").status()).isEqualTo(400);
        assertThat(signedPost("[1,2,3]").status()).isEqualTo(400);
    }

    @Test
    void refusesAnOversizedBodyWith413() throws Exception {
        Response response = signedPost(event(newId("big"), "participant.joined",
                "{\"room\":\"r\",\"session_id\":\"s\",\"user_name\":\"" + "x".repeat(70_000) + "\"}"));

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void readsEveryDailyEventShape() throws Exception {
        String started = newId("ms");
        String ended = newId("me");
        String recStarted = newId("rs");
        String cloud = newId("rc");
        String raw = newId("rr");
        String error = newId("re");
        signedPost(event(started, "meeting.started", "{\"start_ts\":1732600000,\"meeting_id\":\"m-1\",\"room\":\"r\"}"));
        signedPost(event(ended, "meeting.ended", "{\"start_ts\":1732600000,\"end_ts\":1732603600.5,\"meeting_id\":\"m-1\",\"room\":\"r\"}"));
        signedPost(event(recStarted, "recording.started", """
                {"action":"start-cloud-recording","recording_id":"rec-1","start_ts":1732600005,"instance_id":"inst-1",
                 "layout":{"preset":"default"},"started_by":"p-1","room_name":"r"}"""));
        signedPost(event(cloud, "recording.ready-to-download", """
                {"type":"cloud","recording_id":"rec-1","room_name":"r","start_ts":1732600005,"status":"finished",
                 "max_participants":2,"duration":3600,"s3_key":"acme/r/1732600005000"}"""));
        signedPost(event(raw, "recording.ready-to-download", """
                {"type":"raw-tracks","recording_id":"rec-2","room_name":"r","start_ts":1732600005.5,"status":"finished",
                 "duration":61.7,"s3_key":"acme/r/1732600005500","tracks":[
                   {"type":"audio","s3Key":"acme/r/1732600005500-p1-cam-audio-1732600006000","size":1000},
                   {"type":"video","s3Key":"acme/r/1732600005500-p1-cam-video-1732600006000","size":9000},
                   {"type":"audio","s3Key":"acme/r/1732600005500-p2-cam-audio-1732600007000","size":800}]}"""));
        signedPost(event(error, "recording.error", """
                {"action":"clourd-recording-err","error_msg":"bucket unreachable","instance_id":"inst-1",
                 "room_name":"r","timestamp":1732600010}"""));

        assertThat(outboxMessage(started).get("started").booleanValue()).isTrue();
        assertThat(outboxMessage(ended).get("started").booleanValue()).isFalse();
        assertThat(outboxMessage(ended).get("_routingKey").stringValue()).isEqualTo("room.session-changed");
        assertThat(outboxMessage(recStarted).get("instanceId").stringValue()).isEqualTo("inst-1");
        JsonNode cloudMessage = outboxMessage(cloud);
        assertThat(cloudMessage.get("_routingKey").stringValue()).isEqualTo("recording.finished");
        assertThat(cloudMessage.get("kind").stringValue()).isEqualTo("CLOUD");
        assertThat(cloudMessage.get("s3Key").stringValue()).isEqualTo("acme/r/1732600005000");
        JsonNode rawMessage = outboxMessage(raw);
        assertThat(rawMessage.get("kind").stringValue()).isEqualTo("RAW_TRACKS");
        assertThat(rawMessage.get("trackKeys")).hasSize(2);
        assertThat(rawMessage.get("durationSeconds").intValue()).isEqualTo(62);
        assertThat(outboxMessage(error).get("error").stringValue()).isEqualTo("bucket unreachable");
    }

    @Test
    void keepsAnEventMissingWhatActingOnItNeedsWithoutRefusingIt() throws Exception {
        String id = newId("partial");

        Response response = signedPost(event(id, "participant.joined", "{\"user_name\":null}"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(inboxRows(id)).isEqualTo(1);
        assertThat(outboxMessage(id)).isNull();
    }

    @Test
    void storesEachOfManyConcurrentWebhooksOnceEvenWhenEachArrivesTwiceAtTheSameTime() throws Exception {
        String prefix = newId("burst");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String json = event(prefix + "-" + i, "participant.joined", "{\"room\":\"r\",\"session_id\":\"s-" + i + "\"}");
            bodies.add(json);
            bodies.add(json);
        }
        double duplicatesBefore = meters.counter("webhooks.received", "provider", "daily", "outcome", "duplicate",
                "reason", "none").count();

        ExecutorService senders = Executors.newFixedThreadPool(bodies.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> sent = new ArrayList<>();
            for (String json : bodies) {
                sent.add(senders.submit(() -> {
                    start.await();
                    return signedPost(json).status();
                }));
            }
            start.countDown();
            for (Future<Integer> status : sent) {
                statuses.add(status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(statuses).hasSize(60).containsOnly(200);
        assertThat(db.fetchCount(WEBHOOK_INBOX, WEBHOOK_INBOX.EVENT_ID.startsWith(prefix))).isEqualTo(30);
        assertThat(db.fetchCount(OUTBOX, OUTBOX.EVENT_ID.startsWith("daily:" + prefix))).isEqualTo(30);
        assertThat(meters.counter("webhooks.received", "provider", "daily", "outcome", "duplicate", "reason", "none")
                .count() - duplicatesBefore).isEqualTo(30);
    }

    @Test
    void storesADisplayNameCarryingANulCharacterWithTheReplacementCharacter() throws Exception {
        String id = newId("nul");

        Response response = signedPost(event(id, "participant.joined",
                "{\"room\":\"r\",\"session_id\":\"s\",\"user_name\":\"Ada\\u0000 L\\\\u0000\"}"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(inboxRows(id)).isEqualTo(1);
        assertThat(outboxMessage(id).get("userName").stringValue()).isEqualTo("Ada\uFFFD L\\u0000");
    }
}
