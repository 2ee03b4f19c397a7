package app.meetingbridge.gateway.meeting;

import static app.meetingbridge.db.Tables.MEETING_CONSENT;
import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.testsupport.Fixtures.aMeeting;
import static app.meetingbridge.testsupport.Fixtures.aRoom;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.MeetingConsentRecord;
import app.meetingbridge.db.tables.records.OutboxRecord;
import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/meetings/{id}/consent} with signed-in users and anonymous visitors: decisions are taken while the
 * meeting goes on and for an hour after it ended, anonymous ones limited per source address (three an hour here,
 * so that no permit comes back during a test however slow the machine; each test sends them from a loopback address
 * of its own), and a refusal goes to the recording-worker through the outbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.rate-limits.anonymous-consent=3/1h"})
class ConsentApiIT extends SignedInTestSupport {

    @Autowired
    DSLContext db;

    @Test
    void takesAnAnonymousDecisionDuringTheMeeting() throws IOException {
        String meeting = meeting(true, ago(-60), ago(5), null);

        Raw response = postFrom(anAddress(), consentPath(meeting), "{\"consent_given\":true}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = HttpJson.parse(response.body());
        assertThat(body.get("status").stringValue()).isEqualTo("success");
        MeetingConsentRecord row = db.fetchSingle(MEETING_CONSENT,
                MEETING_CONSENT.ID.eq(body.get("consent_id").stringValue()));
        assertThat(row.getMeetingId()).isEqualTo(meeting);
        assertThat(row.getUserId()).isNull();
        assertThat(row.getConsentGiven()).isTrue();
        assertThat(refusalsSentFor(meeting)).isEmpty();
    }

    @Test
    void keepsASignedInCallersDecisionUnderTheirUserIdChangedInPlace() {
        String meeting = meeting(true, ago(-60), ago(5), null);

        String first = alice.post(consentPath(meeting), "{\"consent_given\":true}").json().get("consent_id").stringValue();
        Response second = alice.post(consentPath(meeting), "{\"consent_given\":false}");

        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().get("consent_id").stringValue()).isEqualTo(first);
        List<MeetingConsentRecord> rows = db.selectFrom(MEETING_CONSENT).where(MEETING_CONSENT.MEETING_ID.eq(meeting))
                .fetch();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getUserId()).isEqualTo("alice");
        assertThat(rows.get(0).getConsentGiven()).isFalse();
    }

    @Test
    void sendsARefusalToTheRecordingWorkerThroughTheOutbox() throws IOException {
        String meeting = meeting(false, ago(-60), ago(10), ago(10));

        Raw response = postFrom(anAddress(), consentPath(meeting), "{\"consent_given\":false}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<OutboxRecord> sent = refusalsSentFor(meeting);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getExchange()).isEqualTo("recordings");
        assertThat(sent.get(0).getMessageType()).isEqualTo("consent.refused");
        JsonNode payload = HttpJson.parse(sent.get(0).getPayload().data());
        assertThat(payload.get("meetingId").stringValue()).isEqualTo(meeting);
        assertThat(payload.get("eventId").stringValue()).isEqualTo(sent.get(0).getEventId());
    }

    @Test
    void refusesDecisionsOnceTheGraceAfterTheMeetingEndedIsOverWith409() throws IOException {
        String source = anAddress();
        String closedLongAgo = meeting(false, ago(-60), ago(90), ago(80));
        String pastItsEnd = meeting(true, ago(65), ago(70), null);
        String closedRecently = meeting(false, ago(-60), ago(120), ago(20));

        Raw anonymous = postFrom(source, consentPath(closedLongAgo), "{\"consent_given\":false}");
        Response signedIn = alice.post(consentPath(pastItsEnd), "{\"consent_given\":false}");
        Response withinGrace = alice.post(consentPath(closedRecently), "{\"consent_given\":false}");

        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(409);
        assertThat(HttpJson.parse(anonymous.body()).get("detail").stringValue())
                .isEqualTo("Meeting has ended: consent decisions are taken until 1 h after a meeting ends");
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(409);
        assertThat(withinGrace.status()).as(withinGrace.toString()).isEqualTo(200);
        assertThat(db.fetchCount(MEETING_CONSENT, MEETING_CONSENT.MEETING_ID.in(closedLongAgo, pastItsEnd))).isZero();
        assertThat(refusalsSentFor(closedLongAgo)).isEmpty();
        assertThat(refusalsSentFor(pastItsEnd)).isEmpty();
    }

    @Test
    void answersAnUnknownMeetingWith404AndMalformedBodiesWith422() throws IOException {
        String meeting = meeting(true, ago(-60), ago(5), null);

        assertThat(alice.post(consentPath(UUID.randomUUID().toString()), "{\"consent_given\":true}").status())
                .isEqualTo(404);
        assertThat(postFrom(anAddress(), consentPath(UUID.randomUUID().toString()), "{\"consent_given\":true}")
                .status()).isEqualTo(404);
        assertThat(alice.post(consentPath(meeting), "{\"consent_given\":\"yes\"}").status()).isEqualTo(422);
        assertThat(alice.post(consentPath(meeting), "{}").status()).isEqualTo(422);
        assertThat(alice.post(consentPath(meeting), "[true]").status()).isEqualTo(422);
        assertThat(db.fetchCount(MEETING_CONSENT, MEETING_CONSENT.MEETING_ID.eq(meeting))).isZero();
    }

    @Test
    void refusesAnonymousDecisionsFromOneAddressBeyondItsRateWith429AndRetryAfter() throws IOException {
        String meeting = meeting(true, ago(-60), ago(5), null);
        String source = anAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(postFrom(source, consentPath(meeting), "{\"consent_given\":true}").status()).isEqualTo(200);
        }

        Raw refused = postFrom(source, consentPath(meeting), "{\"consent_given\":true}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20 * 60); // a permit every 20 min
        assertThat(HttpJson.parse(refused.body()).get("detail").stringValue()).startsWith("Too many consent decisions");
        assertThat(postFrom(anAddress(), consentPath(meeting), "{\"consent_given\":true}").status()).isEqualTo(200);
        assertThat(alice.post(consentPath(meeting), "{\"consent_given\":true}").status()).isEqualTo(200);
        assertThat(db.fetchCount(MEETING_CONSENT, MEETING_CONSENT.MEETING_ID.eq(meeting))).isEqualTo(5);
    }

    static String consentPath(String meeting) {
        return "/v1/meetings/" + meeting + "/consent";
    }

    static Instant ago(int minutes) {
        return Instant.now().minus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.MICROS);
    }

    /** A meeting of a room of alice's, as meeting-service would have stored it. */
    String meeting(boolean active, Instant endDate, Instant lastActivity, @Nullable Instant providerRoomDeletedAt) {
        String room = aRoom().ownedBy("alice").namedLike("consent").insert(db);
        return aMeeting().inRoom(room).endingAt(endDate).active(active).lastActiveAt(lastActivity)
                .providerRoomDeletedAt(providerRoomDeletedAt).insert(db);
    }

    List<OutboxRecord> refusalsSentFor(String meeting) {
        return db.selectFrom(OUTBOX).where(OUTBOX.ROUTING_KEY.eq("consent.refused"))
                .and(OUTBOX.PAYLOAD.cast(String.class).contains(meeting)).fetch();
    }

    /** A loopback address of the test's own (127.x.y.z): a rate-limit key no other test shares. */
    static String anAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    /** POSTs JSON without a token from {@code source}, over a plain HTTP/1.0 connection bound to that address. */
    Raw postFrom(String source, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            return new Raw(answer.substring(0, headEnd), answer.substring(headEnd + 4));
        }
    }

    record Raw(String head, String body) {

        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        String header(String name) {
            return head.lines().skip(1)
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + head));
        }
    }
}
