package app.meetingbridge.zulip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.zulip.ZulipClient.Stream;
import app.meetingbridge.zulip.ZulipException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a fake Zulip answering as Zulip's REST API documentation shows, under a path prefix. */
class ZulipClientTest {

    static final FakeHttpServer zulip = new FakeHttpServer();
    static final String KEY = "zulip-api-key-123";

    final ZulipClient client = new ZulipClient(new ZulipProperties(zulip.baseUri() + "/chat", "bot@example.org", KEY,
            null, Duration.ofSeconds(2), 64 * 1024));

    @BeforeEach
    void reset() {
        zulip.reset();
    }

    @AfterAll
    static void close() {
        zulip.close();
    }

    @Test
    void listsStreamsAsTheBot() {
        zulip.on("GET", "/chat/api/v1/streams", Reply.json(200, """
                {"result":"success","msg":"","streams":[
                 {"can_remove_subscribers_group":2,"creator_id":null,"date_created":1691057093,
                  "description":"A Scandinavian country","invite_only":false,"is_web_public":false,
                  "message_retention_days":null,"name":"Denmark","stream_id":1,"stream_post_policy":1},
                 {"description":"Located in the United Kingdom","invite_only":false,"name":"Scotland","stream_id":3}]}
                """));

        assertThat(client.streams()).containsExactly(new Stream(1, "Denmark"), new Stream(3, "Scotland"));

        Recorded request = zulip.requests().get(0);
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("bot@example.org:" + KEY).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listsAStreamsTopics() {
        zulip.on("GET", "/chat/api/v1/users/me/1/topics", Reply.json(200, """
                {"msg":"","result":"success","topics":[{"max_id":26,"name":"Denmark3"},{"max_id":23,"name":"Denmark1"}]}
                """));

        assertThat(client.topics(1)).containsExactly("Denmark3", "Denmark1");
    }

    @Test
    void postsAFormEncodedStreamMessageAndReturnsItsId() {
        zulip.on("POST", "/chat/api/v1/messages", Reply.json(200, """
                {"automatic_new_visibility_policy":2,"id":42,"msg":"","result":"success"}
                """));

        assertThat(client.post("general", "Meetings & notes", "# Title\n**bold** = 1")).isEqualTo(42);

        Recorded request = zulip.requests().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(request.body())).containsExactly(Map.entry("type", "stream"), Map.entry("to", "general"),
                Map.entry("topic", "Meetings & notes"), Map.entry("content", "# Title\n**bold** = 1"));
    }

    @Test
    void updatesAMessagesTopicAndContent() {
        zulip.on("PATCH", "/chat/api/v1/messages/42", Reply.json(200, """
                {"msg":"","result":"success"}
                """));

        client.update(42, "notes", "new content");

        assertThat(form(zulip.requests("PATCH", "/chat/api/v1/messages/42").get(0).body()))
                .containsExactly(Map.entry("topic", "notes"), Map.entry("content", "new content"));
    }

    @Test
    void saysWhenTheMessageToUpdateIsGone() {
        zulip.on("PATCH", "/chat/api/v1/messages/42", Reply.json(400, """
                {"code":"BAD_REQUEST","msg":"Invalid message(s)","result":"error"}
                """));

        assertThatThrownBy(() -> client.update(42, "notes", "content"))
                .isInstanceOfSatisfying(ZulipException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MESSAGE_GONE));
    }

    @Test
    void takesARefusalAsFinal() {
        zulip.on("POST", "/chat/api/v1/messages", Reply.json(400, """
                {"code":"STREAM_DOES_NOT_EXIST","msg":"Channel 'nowhere' does not exist","result":"error","stream":"nowhere"}
                """));

        assertThatThrownBy(() -> client.post("nowhere", "t", "c"))
                .isInstanceOfSatisfying(ZulipException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                    assertThat(e.worthRetrying()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Channel 'nowhere' does not exist");
                });
    }

    @Test
    void takesServerErrorsRateLimitsAndSilenceAsWorthRetrying() {
        zulip.on("GET", "/chat/api/v1/streams", Reply.json(500, "{\"result\":\"error\",\"msg\":\"Internal server error\"}"));
        assertThatThrownBy(client::streams).isInstanceOfSatisfying(ZulipException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));

        zulip.on("GET", "/chat/api/v1/streams", Reply.json(429, """
                {"code":"RATE_LIMIT_HIT","msg":"API usage exceeded rate limit","result":"error","retry-after":28.706807374954224}
                """));
        assertThatThrownBy(client::streams).isInstanceOfSatisfying(ZulipException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));

        zulip.on("GET", "/chat/api/v1/streams", Reply.json(200, "{\"result\":\"success\",\"streams\":[]}")
                .after(Duration.ofSeconds(5)));
        assertThatThrownBy(client::streams).isInstanceOfSatisfying(ZulipException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.worthRetrying()).isTrue();
        });
    }

    @Test
    void givesUpOnAnAnswerThatTricklesInPastTheTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread trickle = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    BufferedReader request = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8));
                    while (!request.readLine().isEmpty()) {
                        // the request's head
                    }
                    OutputStream answer = socket.getOutputStream();
                    answer.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < 1000; i++) {
                        answer.write(' ');
                        answer.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException | NullPointerException dropped) {
                    // the client hung up
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            ZulipClient slow = new ZulipClient(new ZulipProperties("http://127.0.0.1:" + server.getLocalPort(),
                    "bot@example.org", KEY, null, Duration.ofSeconds(1), 0));

            assertThatThrownBy(slow::streams).isInstanceOfSatisfying(ZulipException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        }
    }

    @Test
    void takesNoConnectionAsWorthRetrying() {
        FakeHttpServer gone = new FakeHttpServer();
        String realm = gone.baseUri().toString();
        gone.close();
        ZulipClient toNowhere = new ZulipClient(new ZulipProperties(realm, "bot@example.org", KEY, null,
                Duration.ofSeconds(2), 0));

        assertThatThrownBy(toNowhere::streams).isInstanceOfSatisfying(ZulipException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).doesNotContain(KEY);
        });
    }

    @Test
    void neitherFollowsRedirectsNorTakesWhatIsNotZulipsAnswer() {
        zulip.on("GET", "/chat/api/v1/streams", Reply.empty(302).withHeader("Location", "http://169.254.169.254/"));
        assertThatThrownBy(client::streams).isInstanceOfSatisfying(ZulipException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_ANSWER));
        assertThat(zulip.requests()).hasSize(1);

        zulip.on("GET", "/chat/api/v1/streams", new Reply(200, Map.of("Content-Type", "text/html"),
                "<html>login</html>", Duration.ZERO));
        assertThatThrownBy(client::streams).isInstanceOfSatisfying(ZulipException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BAD_ANSWER));
    }

    @Test
    void readsNoMoreThanTheCapOfAnAnswer() {
        String huge = "{\"result\":\"success\",\"streams\":[" + "{\"stream_id\":1,\"name\":\"x\"},".repeat(10_000)
                + "{\"stream_id\":2,\"name\":\"y\"}]}";
        zulip.on("GET", "/chat/api/v1/streams", Reply.json(200, huge));

        assertThatThrownBy(client::streams).isInstanceOfSatisfying(ZulipException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_ANSWER);
            assertThat(e.getMessage()).contains("larger than");
        });
    }

    @Test
    void asksNothingWhenNotConfigured() {
        ZulipClient off = new ZulipClient(ZulipProperties.off());

        assertThat(off.configured()).isFalse();
        assertThatThrownBy(off::streams).isInstanceOfSatisfying(ZulipException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED));
        assertThat(zulip.requests()).isEmpty();
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
}
