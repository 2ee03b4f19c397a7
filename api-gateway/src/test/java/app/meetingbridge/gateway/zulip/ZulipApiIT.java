package app.meetingbridge.gateway.zulip;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.testsupport.Fixtures.aRoom;
import static app.meetingbridge.testsupport.Fixtures.aTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Zulip endpoints against a fake Zulip answering as Zulip's REST API documentation shows, its realm a full URL
 * with a path: streams and topics for signed-in callers, posting a transcript (then updating the same message, and
 * posting anew when Zulip lost it), who may post, malformed parameters, and Zulip failing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ZulipApiIT extends SignedInTestSupport {

    static final FakeHttpServer zulip = new FakeHttpServer();
    static final String BOT = "reflector-bot@zulip.example";
    static final String KEY = "zulip-key-ZQ9x2";
    static final String TOPICS = """
            [{"id":"t1","title":"Opening","summary":"","timestamp":0.0,"duration":75.0,"words":[]},
             {"id":"t2","title":"The plan","summary":"","timestamp":75.4,"duration":30.0,"words":[]}]""";

    @Autowired
    DSLContext db;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("app.zulip.realm", () -> zulip.baseUri() + "/chat/");
        registry.add("app.zulip.bot-email", () -> BOT);
        registry.add("app.zulip.api-key", () -> KEY);
        registry.add("app.zulip.ui-base-url", () -> "https://reflector.example/");
        registry.add("app.zulip.timeout", () -> "1s");
    }

    @AfterAll
    static void close() {
        zulip.close();
    }

    @BeforeEach
    void clients() {
        zulip.reset();
    }

    /** Zulip's answer to the bot, or its 401 to anyone else. */
    static Function<Recorded, Reply> asTheBot(String json) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((BOT + ":" + KEY).getBytes(StandardCharsets.UTF_8));
        return request -> expected.equals(request.header("Authorization")) ? Reply.json(200, json)
                : Reply.json(401, "{\"code\":\"UNAUTHORIZED\",\"msg\":\"Invalid API key\",\"result\":\"error\"}");
    }

    String transcript(String owner, String shareMode) {
        String room = aRoom().ownedBy(owner).namedLike("zl").onPlatform("daily").insert(db);
        return aTranscript().ownedBy(owner).inRoom(room).shared(shareMode).titled("Weekly sync")
                .summarised("We agreed on the plan.").lasting(125_000L).withTopics(TOPICS)
                .createdAt(Instant.parse("2025-03-04T09:15:00Z")).insert(db);
    }

    Long messageId(String transcriptId) {
        return db.select(TRANSCRIPT.ZULIP_MESSAGE_ID).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcriptId))
                .fetchOne(TRANSCRIPT.ZULIP_MESSAGE_ID);
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void listsTheRealmsStreamsAndAStreamsTopics() {
        zulip.on("GET", "/chat/api/v1/streams", asTheBot("""
                {"result":"success","msg":"","streams":[
                 {"description":"A Scandinavian country","invite_only":false,"name":"Denmark","stream_id":1,
                  "date_created":1691057093,"is_web_public":false,"stream_post_policy":1},
                 {"description":"Located in the United Kingdom","invite_only":false,"name":"Scotland","stream_id":3}]}
                """));
        zulip.on("GET", "/chat/api/v1/users/me/1/topics", asTheBot("""
                {"msg":"","result":"success","topics":[{"max_id":26,"name":"Denmark3"},{"max_id":23,"name":"Denmark1"}]}
                """));

        Response streams = alice.get("/v1/zulip/streams");
        Response topics = alice.get("/v1/zulip/streams/1/topics");

        assertThat(streams.status()).isEqualTo(200);
        assertThat(streams.json()).isEqualTo(HttpJson.parse("""
                [{"stream_id":1,"name":"Denmark"},{"stream_id":3,"name":"Scotland"}]"""));
        assertThat(topics.status()).isEqualTo(200);
        assertThat(topics.json()).isEqualTo(HttpJson.parse("[{\"name\":\"Denmark3\"},{\"name\":\"Denmark1\"}]"));
    }

    @Test
    void listsNothingForAnonymousCallersNorForAMalformedStreamId() {
        assertThat(anonymous.get("/v1/zulip/streams").status()).isEqualTo(403);
        assertThat(anonymous.get("/v1/zulip/streams").json().get("detail").stringValue())
                .isEqualTo("Authentication required");
        assertThat(anonymous.get("/v1/zulip/streams/1/topics").status()).isEqualTo(403);

        Response malformed = alice.get("/v1/zulip/streams/general/topics");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().at("/detail/0/loc").toString()).isEqualTo("[\"path\",\"stream_id\"]");
        assertThat(zulip.requests()).isEmpty();
    }

    @Test
    void postsATranscriptThenUpdatesTheSameMessage() {
        String transcript = transcript("alice", "private");
        zulip.on("POST", "/chat/api/v1/messages", asTheBot("""
                {"automatic_new_visibility_policy":2,"id":42,"msg":"","result":"success"}"""));
        zulip.on("PATCH", "/chat/api/v1/messages/42", asTheBot("{\"msg\":\"\",\"result\":\"success\"}"));

        Response first = alice.post("/v1/transcripts/" + transcript
                + "/zulip?stream=general&topic=Meetings%20%26%20notes&include_topics=true", "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("null");
        assertThat(messageId(transcript)).isEqualTo(42L);
        Map<String, String> posted = form(zulip.requests("POST", "/chat/api/v1/messages").get(0).body());
        assertThat(posted).containsEntry("type", "stream").containsEntry("to", "general")
                .containsEntry("topic", "Meetings & notes");
        assertThat(posted.get("content")).isEqualTo("""
                # Reflector – Weekly sync

                **Date**: <time:2025-03-04T09:15:00+00:00>
                **Link**: [reflector.example](https://reflector.example/transcripts/%s)
                **Duration**: 02:05

                ```spoiler Summary
                We agreed on the plan.
                ```

                ```spoiler Topics
                1. [00:00] Opening
                1. [01:15] The plan
                ```

                -----
                """.formatted(transcript));

        Response again = alice.post("/v1/transcripts/" + transcript
                + "/zulip?stream=general&topic=recaps&include_topics=false", "");

        assertThat(again.status()).isEqualTo(200);
        assertThat(zulip.requests("POST", "/chat/api/v1/messages")).hasSize(1);
        Map<String, String> updated = form(zulip.requests("PATCH", "/chat/api/v1/messages/42").get(0).body());
        assertThat(updated).containsEntry("topic", "recaps").doesNotContainKey("to");
        assertThat(updated.get("content")).doesNotContain("spoiler Topics");
        assertThat(messageId(transcript)).isEqualTo(42L);
    }

    @Test
    void postsANewMessageWhenZulipNoLongerHasTheOldOne() {
        String transcript = transcript("alice", "private");
        db.update(TRANSCRIPT).set(TRANSCRIPT.ZULIP_MESSAGE_ID, 7L).where(TRANSCRIPT.ID.eq(transcript)).execute();
        zulip.on("PATCH", "/chat/api/v1/messages/7", Reply.json(400, """
                {"code":"BAD_REQUEST","msg":"Invalid message(s)","result":"error"}"""));
        zulip.on("POST", "/chat/api/v1/messages", asTheBot("""
                {"automatic_new_visibility_policy":2,"id":43,"msg":"","result":"success"}"""));

        Response response = alice.post("/v1/transcripts/" + transcript
                + "/zulip?stream=general&topic=recaps&include_topics=true", "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(zulip.requests("PATCH", "/chat/api/v1/messages/7")).hasSize(1);
        assertThat(zulip.requests("POST", "/chat/api/v1/messages")).hasSize(1);
        assertThat(messageId(transcript)).isEqualTo(43L);
    }

    @Test
    void postsOnlyForTheOwnerOfATranscriptTheyMayRead() {
        String privateOne = transcript("alice", "private");
        String publicOne = transcript("alice", "public");
        String query = "/zulip?stream=general&topic=recaps&include_topics=true";

        Response anonymousPost = anonymous.post("/v1/transcripts/" + publicOne + query, "");
        Response hidden = bob.post("/v1/transcripts/" + privateOne + query, "");
        Response notTheirs = bob.post("/v1/transcripts/" + publicOne + query, "");
        Response missing = alice.post("/v1/transcripts/" + UUID.randomUUID() + query, "");

        assertThat(anonymousPost.status()).isEqualTo(401);
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.json().get("detail").stringValue()).isEqualTo("Transcript access denied");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.json().get("detail").stringValue()).isEqualTo("Not authorized");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(zulip.requests()).isEmpty();
        assertThat(messageId(publicOne)).isNull();
    }

    @Test
    void refusesMissingMalformedAndOversizedParametersBeforeAskingZulip() {
        String transcript = transcript("alice", "private");

        Response missing = alice.post("/v1/transcripts/" + transcript + "/zulip", "");
        Response notABoolean = alice.post("/v1/transcripts/" + transcript
                + "/zulip?stream=general&topic=recaps&include_topics=maybe", "");
        Response tooLong = alice.post("/v1/transcripts/" + transcript + "/zulip?stream=" + "s".repeat(61)
                + "&topic=recaps&include_topics=yes", "");

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").toString()).isEqualTo(HttpJson.parse("""
                [{"loc":["query","stream"],"msg":"Field required","type":"missing"},
                 {"loc":["query","topic"],"msg":"Field required","type":"missing"},
                 {"loc":["query","include_topics"],"msg":"Field required","type":"missing"}]""").toString());
        assertThat(notABoolean.status()).isEqualTo(422);
        assertThat(notABoolean.json().at("/detail/0/type").stringValue()).isEqualTo("bool_parsing");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().at("/detail/0/type").stringValue()).isEqualTo("string_too_long");
        assertThat(zulip.requests()).isEmpty();
    }

    @Test
    void answersAShortReasonWhenZulipFailsOrIsSilent() {
        String transcript = transcript("alice", "private");
        zulip.on("GET", "/chat/api/v1/streams", Reply.json(500, """
                {"result":"error","msg":"Internal server error: database ZQ-internal-detail"}"""));
        zulip.on("POST", "/chat/api/v1/messages", Reply.json(200, "{\"result\":\"success\",\"id\":1}")
                .after(Duration.ofSeconds(3)));
        zulip.on("GET", "/chat/api/v1/users/me/5/topics", Reply.json(400, """
                {"code":"BAD_REQUEST","msg":"Invalid channel ID","result":"error"}"""));

        Response down = alice.get("/v1/zulip/streams");
        Response silent = alice.post("/v1/transcripts/" + transcript
                + "/zulip?stream=general&topic=recaps&include_topics=true", "");
        Response refused = alice.get("/v1/zulip/streams/5/topics");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("detail").stringValue())
                .matches("Zulip is unavailable, please try again \\(error id [0-9a-f]+\\)");
        assertThat(silent.status()).isEqualTo(503);
        assertThat(messageId(transcript)).isNull();
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().get("detail").stringValue()).startsWith("Zulip refused the request (error id ");
        for (Response response : List.of(down, silent, refused)) {
            assertThat(response.body()).doesNotContain("ZQ-internal-detail").doesNotContain(KEY)
                    .doesNotContain("Invalid channel ID");
        }
    }

    @Test
    void neverShowsTheBotsKey() {
        zulip.on("GET", "/chat/api/v1/streams", Reply.json(401, """
                {"code":"UNAUTHORIZED","msg":"Invalid API key","result":"error"}"""));

        Response response = alice.get("/v1/zulip/streams");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.body()).doesNotContain(KEY).doesNotContain(BOT);
        JsonNode detail = response.json().get("detail");
        assertThat(detail.isString()).isTrue();
    }
}
