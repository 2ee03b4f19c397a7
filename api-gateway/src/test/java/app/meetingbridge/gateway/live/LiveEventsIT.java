package app.meetingbridge.gateway.live;

import static app.meetingbridge.db.Tables.TRANSCRIPT_EVENT;
import static app.meetingbridge.testsupport.Fixtures.aTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.transcript.TranscriptEvent;
import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.messaging.TranscriptEventLog;
import app.meetingbridge.messaging.WireFormat;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The live sockets of one gateway, with Java's websocket client as the browser: the stored log then the live
 * events, in order, each once; every event's shape on the transcript's socket and on the owner's list; who may
 * connect; which origins; and a client that stops reading, dropped while the others keep receiving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.live.send-buffer=64KB",
        "app.live.send-timeout=5s",
        "app.cors.origins=https://app.example"})
class LiveEventsIT extends SignedInTestSupport {

    static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    DSLContext db;

    @Autowired
    TranscriptEventLog events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    LiveHub hub;

    @Test
    void aClientThatConnectsMidwayGetsTheLogThenTheRestInOrderWithNoGapAndNoDuplicate() throws Exception {
        String id = transcript("alice", "private");
        int total = 300;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                append(id, "alice", "DURATION", Map.of("duration", i));
            }
        });
        producer.start();
        LiveClient.await(() -> db.fetchCount(TRANSCRIPT_EVENT, TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(id)) >= 60,
                "the first events logged");

        try (LiveClient midway = LiveClient.connect(http, transcriptSocket(id), tokens.tokenFor("alice"))) {
            producer.join();
            List<JsonNode> received = parse(midway.awaitMessages(total));
            assertThat(received).containsExactlyElementsOf(storedLog(id));
            assertThat(received.get(total - 1).get("data").get("duration").intValue()).isEqualTo(total - 1);
            assertThat(midway.subprotocol()).isEqualTo("bearer");
        }
        try (LiveClient late = LiveClient.connect(http, transcriptSocket(id), tokens.tokenFor("alice"))) {
            assertThat(parse(late.awaitMessages(total))).containsExactlyElementsOf(storedLog(id));
        }
    }

    @Test
    void everyEventReachesTheTranscriptsSocketAndTheOwnersListInReflectorsShapes() throws Exception {
        String id = transcript("alice", "private");
        try (LiveClient socket = LiveClient.connect(http, transcriptSocket(id), tokens.tokenFor("alice"));
             LiveClient list = LiveClient.connect(http, userSocket(), tokens.tokenFor("alice"));
             LiveClient othersList = LiveClient.connect(http, userSocket(), tokens.tokenFor("bob"))) {
            LiveClient.await(() -> hub.sockets() >= 3, "three sockets followed");
            transactions.executeWithoutResult(status -> {
                events.announce(id, "alice", "TRANSCRIPT_CREATED", Map.of("id", id));
                events.append(id, "alice", "STATUS", Map.of("value", "processing"));
                events.append(id, "alice", "DURATION", Map.of("duration", 2500));
                events.append(id, "alice", "WAVEFORM", Map.of("waveform", List.of(0.0, 0.5, 1.0)));
                events.append(id, "alice", "STATUS", Map.of("value", "uploaded"));
                events.append(id, "alice", "TRANSCRIPT", textData("Hello there"));
                events.append(id, "alice", "TOPIC", HttpJson.parse("""
                        {"id":"t1","title":"","summary":"","timestamp":0.0,"duration":2.5,"transcript":"Hello there",
                         "segments":[{"text":"Hello there","start":0.2,"speaker":0}]}"""));
                events.append(id, "alice", "FINAL_TITLE", Map.of("title", "Weekly sync"));
                events.append(id, "alice", "FINAL_SHORT_SUMMARY", Map.of("short_summary", "Short"));
                events.append(id, "alice", "FINAL_LONG_SUMMARY", Map.of("long_summary", "Long"));
                events.append(id, "alice", "ACTION_ITEMS", Map.of("action_items", Map.of("decisions", List.of())));
                events.append(id, "alice", "STATUS", Map.of("value", "ended"));
                events.announce(id, "alice", "TRANSCRIPT_DELETED", Map.of("id", id));
            });

            assertThat(parse(socket.awaitMessages(11))).containsExactlyElementsOf(parse(List.of(
                    "{\"event\":\"STATUS\",\"data\":{\"value\":\"processing\"}}",
                    "{\"event\":\"DURATION\",\"data\":{\"duration\":2500}}",
                    "{\"event\":\"WAVEFORM\",\"data\":{\"waveform\":[0.0,0.5,1.0]}}",
                    "{\"event\":\"STATUS\",\"data\":{\"value\":\"uploaded\"}}",
                    "{\"event\":\"TRANSCRIPT\",\"data\":{\"text\":\"Hello there\",\"translation\":null}}",
                    "{\"event\":\"TOPIC\",\"data\":{\"id\":\"t1\",\"title\":\"\",\"summary\":\"\",\"timestamp\":0.0,"
                            + "\"duration\":2.5,\"transcript\":\"Hello there\","
                            + "\"segments\":[{\"text\":\"Hello there\",\"start\":0.2,\"speaker\":0}]}}",
                    "{\"event\":\"FINAL_TITLE\",\"data\":{\"title\":\"Weekly sync\"}}",
                    "{\"event\":\"FINAL_SHORT_SUMMARY\",\"data\":{\"short_summary\":\"Short\"}}",
                    "{\"event\":\"FINAL_LONG_SUMMARY\",\"data\":{\"long_summary\":\"Long\"}}",
                    "{\"event\":\"ACTION_ITEMS\",\"data\":{\"action_items\":{\"decisions\":[]}}}",
                    "{\"event\":\"STATUS\",\"data\":{\"value\":\"ended\"}}")));
            assertThat(parse(list.awaitMessages(7))).containsExactlyElementsOf(parse(List.of(
                    "{\"event\":\"TRANSCRIPT_CREATED\",\"data\":{\"id\":\"" + id + "\"}}",
                    "{\"event\":\"TRANSCRIPT_STATUS\",\"data\":{\"id\":\"" + id + "\",\"value\":\"processing\"}}",
                    "{\"event\":\"TRANSCRIPT_DURATION\",\"data\":{\"id\":\"" + id + "\",\"duration\":2500}}",
                    "{\"event\":\"TRANSCRIPT_STATUS\",\"data\":{\"id\":\"" + id + "\",\"value\":\"uploaded\"}}",
                    "{\"event\":\"TRANSCRIPT_FINAL_TITLE\",\"data\":{\"id\":\"" + id + "\",\"title\":\"Weekly sync\"}}",
                    "{\"event\":\"TRANSCRIPT_STATUS\",\"data\":{\"id\":\"" + id + "\",\"value\":\"ended\"}}",
                    "{\"event\":\"TRANSCRIPT_DELETED\",\"data\":{\"id\":\"" + id + "\"}}")));
            assertThat(othersList.received()).isEmpty();
            assertThat(socket.received()).hasSize(11);
        }
    }

    @Test
    void reprocessingIsShownLiveAsProcessing() throws Exception {
        String id = transcript("alice", "private");
        try (LiveClient socket = LiveClient.connect(http, transcriptSocket(id), tokens.tokenFor("alice"))) {
            LiveClient.await(() -> hub.sockets() >= 1, "the socket followed");
            HttpJson.Response answer = new HttpJson("http://127.0.0.1:" + port).as(tokens.tokenFor("alice"))
                    .post("/v1/transcripts/" + id + "/process", "");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(parse(socket.awaitMessages(1))).containsExactly(
                    HttpJson.parse("{\"event\":\"STATUS\",\"data\":{\"value\":\"processing\"}}"));
        }
    }

    @Test
    void aTranscriptsSocketIsForWhoeverMayReadTheTranscript() throws Exception {
        String secret = transcript("alice", "private");
        String open = transcript("alice", "public");

        assertThat(LiveClient.refusal(http, transcriptSocket(secret), null, null)).isEqualTo(403);
        assertThat(LiveClient.refusal(http, transcriptSocket(secret), "not-a-token", null)).isEqualTo(401);
        assertThat(LiveClient.refusal(http, transcriptSocket(secret), TestTokens.tokenSignedByAStranger("alice"),
                null)).isEqualTo(401);
        assertThat(LiveClient.refusal(http, transcriptSocket(secret), tokens.tokenFor("bob"), null)).isEqualTo(403);
        assertThat(LiveClient.refusal(http, transcriptSocket(UUID.randomUUID().toString()), tokens.tokenFor("alice"),
                null)).isEqualTo(404);
        assertThat(LiveClient.refusal(http, transcriptSocket(secret), tokens.tokenFor("alice"), null)).isEqualTo(101);
        assertThat(LiveClient.refusal(http, transcriptSocket(open), null, null)).isEqualTo(101);
        assertThat(LiveClient.refusal(http, transcriptSocket(open), tokens.tokenFor("bob"), null)).isEqualTo(101);
    }

    @Test
    void theUsersSocketIsForSignedInCallersOnly() throws Exception {
        assertThat(LiveClient.refusal(http, userSocket(), null, null)).isEqualTo(403);
        assertThat(LiveClient.refusal(http, userSocket(), "not-a-token", null)).isEqualTo(403);
        assertThat(LiveClient.refusal(http, userSocket(), tokens.expiredTokenFor("alice"), null)).isEqualTo(403);
        assertThat(LiveClient.refusal(http, userSocket(), tokens.tokenFor("alice"), null)).isEqualTo(101);
    }

    @Test
    void browsersAreAdmittedFromTheAllowedOriginsOnly() throws Exception {
        String open = transcript("alice", "public");
        assertThat(LiveClient.refusal(http, transcriptSocket(open), null, "https://app.example")).isEqualTo(101);
        assertThat(LiveClient.refusal(http, transcriptSocket(open), null, "https://evil.example")).isEqualTo(403);
        assertThat(LiveClient.refusal(http, userSocket(), tokens.tokenFor("alice"), "https://evil.example"))
                .isEqualTo(403);
    }

    @Test
    void aClientThatNeverReadsIsDroppedWhileTheOthersKeepReceivingAndItsQueueStaysBounded() throws Exception {
        String id = transcript("alice", "public");
        long droppedBefore = hub.dropped();
        try (LiveClient reader = LiveClient.connect(http, transcriptSocket(id), null);
             LiveClient stalled = LiveClient.connect(http, transcriptSocket(id), null, null, false, message -> { })) {
            LiveClient.await(() -> hub.sockets() >= 2, "both sockets followed");
            String filler = "x".repeat(16 * 1024);
            int sent = 0;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (hub.dropped() == droppedBefore && System.nanoTime() < deadline) {
                int first = sent;
                sent += 3; // 48 KB at once: within what the reader's socket may hold
                rabbit.invoke(operations -> { // one channel: the broker keeps their order
                    for (int i = first + 1; i <= first + 3; i++) {
                        operations.convertAndSend(Topology.TRANSCRIPTS_EXCHANGE, Topology.TRANSCRIPT_EVENT,
                                new TranscriptEvent("e-" + UUID.randomUUID(), Instant.now(), 1_000_000_000L + i, id,
                                        "alice", "TRANSCRIPT", WireFormat.json().writeValueAsString(textData(filler))));
                    }
                    return null;
                });
                int published = sent;
                LiveClient.await(() -> reader.received().size() >= published || hub.dropped() > droppedBefore,
                        "the reader keeps up");
            }
            assertThat(hub.dropped()).as("the stalled client is dropped").isGreaterThan(droppedBefore);
            int total = sent;
            reader.awaitMessages(total);
            assertThat(reader.received()).hasSize(total);
            assertThat(hub.largestQueue()).isLessThanOrEqualTo(64 * 1024);
            LiveClient.await(() -> hub.sockets() == 1, "only the reader left");
            assertThat(hub.queued()).isZero();
        }
    }

    void append(String transcriptId, String owner, String event, Object data) {
        transactions.executeWithoutResult(status -> events.append(transcriptId, owner, event, data));
    }

    static Map<String, Object> textData(String text) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("text", text);
        data.put("translation", null);
        return data;
    }

    List<JsonNode> storedLog(String transcriptId) {
        return db.select(TRANSCRIPT_EVENT.EVENT, TRANSCRIPT_EVENT.DATA).from(TRANSCRIPT_EVENT)
                .where(TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(transcriptId)).orderBy(TRANSCRIPT_EVENT.ID)
                .fetch(row -> HttpJson.parse("{\"event\":\"" + row.value1() + "\",\"data\":" + row.value2().data() + "}"));
    }

    static List<JsonNode> parse(List<String> messages) {
        List<JsonNode> parsed = new ArrayList<>();
        messages.forEach(message -> parsed.add(HttpJson.parse(message)));
        return parsed;
    }

    URI transcriptSocket(String transcriptId) {
        return URI.create("ws://127.0.0.1:" + port + "/v1/transcripts/" + transcriptId + "/events");
    }

    URI userSocket() {
        return URI.create("ws://127.0.0.1:" + port + "/v1/events");
    }

    String transcript(String owner, String shareMode) {
        return aTranscript().fromARecording().ownedBy(owner).shared(shareMode).lasting(2500L).insert(db);
    }
}
