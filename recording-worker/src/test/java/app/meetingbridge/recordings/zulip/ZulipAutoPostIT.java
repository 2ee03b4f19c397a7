package app.meetingbridge.recordings.zulip;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.testsupport.Fixtures.aRoom;
import static app.meetingbridge.testsupport.Fixtures.aTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.recordings.RecordingsExchange;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.Fixtures.TranscriptFixture;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestServices;
import app.meetingbridge.testsupport.TestServices.TestBroker;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A transcript that ends in a room with Zulip auto-post on is posted to a fake Zulip (answering as Zulip's REST API
 * documentation shows), reached through a TCP proxy so that Zulip can go away and come back. Runs on a virtual host
 * of its own, so that no other cached worker context (with Zulip off) takes its messages.
 */
@SpringBootTest(properties = {
        "app.zulip-posts.first-retry=200ms",
        "app.zulip-posts.longest-retry=400ms",
        "app.zulip-posts.max-attempts=100",
        "app.zulip.timeout=2s",
        "app.zulip.bot-email=reflector-bot@zulip.example",
        "app.zulip.api-key=zulip-key-ZQ9x2",
        "app.zulip.ui-base-url=https://reflector.example"})
class ZulipAutoPostIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final TestBroker ownVirtualHost = TestServices.ownVirtualHost("zulip_posts");
    static final FakeHttpServer zulip = new FakeHttpServer();
    static final TcpProxy toZulip = proxy();
    static final AtomicLong ids = new AtomicLong(100);

    @Autowired
    DSLContext db;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
        registry.add("spring.rabbitmq.virtual-host", ownVirtualHost::virtualHost);
        registry.add("app.zulip.realm", () -> "http://127.0.0.1:" + toZulip.port() + "/chat");
    }

    static TcpProxy proxy() {
        try {
            return new TcpProxy("127.0.0.1", zulip.baseUri().getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() throws IOException {
        toZulip.close();
        zulip.close();
    }

    @BeforeEach
    void zulipAnswers() throws IOException {
        toZulip.restore();
        zulip.reset();
        zulip.on("POST", "/chat/api/v1/messages", request -> Reply.json(200, """
                {"automatic_new_visibility_policy":2,"id":%d,"msg":"","result":"success"}"""
                .formatted(ids.incrementAndGet())));
        zulip.on("PATCH", "/chat/api/v1/messages/\\d+", Reply.json(200, "{\"msg\":\"\",\"result\":\"success\"}"));
    }

    String room(boolean autoPost, String stream) {
        return aRoom().namedLike("zp").onPlatform("daily").withZulip(autoPost, stream, "meetings").insert(db);
    }

    /** An ended transcript of the room, and its {@code transcript.completed} as the pipeline publishes it. */
    TranscriptCompleted ended(String room) {
        TranscriptFixture transcript = aTranscript().ownedBy(null).inRoom(room);
        String id = transcript.titled("Weekly sync " + transcript.id().substring(0, 8))
                .summarised("We agreed on the plan.").lasting(125_000L)
                .withTopics("[{\"title\":\"Opening\",\"timestamp\":0.0,\"words\":[]}]")
                .createdAt(Instant.parse("2025-03-04T09:15:00Z")).insert(db);
        return new TranscriptCompleted("tc-" + id, Instant.now(), id, room, 1);
    }

    void completed(TranscriptCompleted event) {
        RecordingsExchange.publish(rabbit, Topology.TRANSCRIPT_COMPLETED, json.writeValueAsBytes(event));
    }

    /** The messages Zulip was asked to post for the transcript (its title names it). */
    List<Recorded> posts(TranscriptCompleted event) {
        String marker = "Weekly sync " + event.transcriptId().substring(0, 8);
        return zulip.requests("POST", "/chat/api/v1/messages").stream()
                .filter(request -> decoded(request.body()).contains(marker)).toList();
    }

    Long messageId(TranscriptCompleted event) {
        return db.select(TRANSCRIPT.ZULIP_MESSAGE_ID).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(event.transcriptId()))
                .fetchOne(TRANSCRIPT.ZULIP_MESSAGE_ID);
    }

    static String decoded(String form) {
        return URLDecoder.decode(form, StandardCharsets.UTF_8);
    }

    static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    int waiting(String queue) {
        Properties info = admin.getQueueProperties(queue);
        return info == null ? 0 : ((Number) info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue();
    }

    /** Every message handled: none waiting in the queue nor in its retry queues (200 and 400 ms here). */
    void settled() {
        await(() -> waiting(ZulipPostListener.QUEUE) + waiting(ZulipPostListener.QUEUE + ".retry.200")
                + waiting(ZulipPostListener.QUEUE + ".retry.400") == 0);
    }

    /** Waits until the consumer has handled everything published before: a later post arrives, in queue order. */
    void handledEverythingBefore() {
        TranscriptCompleted sentinel = ended(room(true, "general"));
        completed(sentinel);
        await(() -> messageId(sentinel) != null);
        settled();
    }

    @Test
    void postsAnEndedTranscriptToItsRoomsStreamAndTopic() {
        TranscriptCompleted event = ended(room(true, "general"));

        completed(event);

        await(() -> messageId(event) != null);
        Recorded post = posts(event).get(0);
        String body = decoded(post.body());
        assertThat(body).contains("type=stream", "to=general", "topic=meetings",
                "**Link**: [reflector.example](https://reflector.example/transcripts/" + event.transcriptId() + ")",
                "```spoiler Topics\n1. [00:00] Opening\n```");
        assertThat(post.header("Authorization")).startsWith("Basic ");
    }

    @Test
    void updatesTheSameMessageWhenTheCompletionComesAgain() {
        TranscriptCompleted event = ended(room(true, "general"));
        completed(event);
        await(() -> messageId(event) != null);
        long posted = messageId(event);

        completed(event);

        await(() -> !zulip.requests("PATCH", "/chat/api/v1/messages/" + posted).isEmpty());
        settled();
        assertThat(posts(event)).hasSize(1);
        assertThat(messageId(event)).isEqualTo(posted);
    }

    @Test
    void postsNothingForARoomWithoutAutoPostOrWithoutAStream() {
        TranscriptCompleted off = ended(room(false, "general"));
        TranscriptCompleted noStream = ended(room(true, ""));
        completed(off);
        completed(noStream);

        handledEverythingBefore();

        assertThat(posts(off)).isEmpty();
        assertThat(posts(noStream)).isEmpty();
        assertThat(messageId(off)).isNull();
        assertThat(messageId(noStream)).isNull();
    }

    @Test
    void postsOnceZulipIsBackAfterAnOutage() throws IOException {
        TranscriptCompleted event = ended(room(true, "general"));
        toZulip.cut();
        try {
            completed(event);
            // tried and parked for the first pause, then tried again and parked for the longest
            await(() -> waiting(ZulipPostListener.QUEUE + ".retry.400") > 0);
            assertThat(messageId(event)).isNull();
        } finally {
            toZulip.restore();
        }

        await(() -> messageId(event) != null);
        settled();
        assertThat(posts(event)).hasSize(1);
    }

    @Test
    void retriesAZulipThatAnswersWithServerErrorsAndPostsOnce() {
        TranscriptCompleted event = ended(room(true, "general"));
        AtomicLong answered = new AtomicLong();
        zulip.on("POST", "/chat/api/v1/messages", request -> answered.incrementAndGet() <= 2
                ? Reply.json(502, "<html>Bad gateway</html>")
                : Reply.json(200, "{\"id\":%d,\"msg\":\"\",\"result\":\"success\"}".formatted(ids.incrementAndGet())));

        completed(event);

        await(() -> messageId(event) != null);
        settled();
        assertThat(posts(event)).hasSize(3);
        assertThat(answered.get()).isEqualTo(3);
    }

    @Test
    void givesUpOnAStreamZulipDoesNotHave() {
        TranscriptCompleted event = ended(room(true, "nowhere"));
        zulip.on("POST", "/chat/api/v1/messages", request -> decoded(request.body()).contains("to=nowhere")
                ? Reply.json(400, """
                        {"code":"STREAM_DOES_NOT_EXIST","msg":"Channel 'nowhere' does not exist","result":"error","stream":"nowhere"}""")
                : Reply.json(200, "{\"id\":%d,\"msg\":\"\",\"result\":\"success\"}".formatted(ids.incrementAndGet())));

        completed(event);
        handledEverythingBefore();

        assertThat(posts(event)).hasSize(1);
        assertThat(messageId(event)).isNull();
        assertThat(waiting(ZulipPostListener.QUEUE + ".dlq")).isZero();
    }

    @Test
    void ignoresTheRoomWebhooksRetryOfACompletion() {
        TranscriptCompleted event = ended(room(true, "general"));

        completed(event.nextAttempt()); // a room webhook's second attempt, published to the same routing key
        handledEverythingBefore();

        assertThat(posts(event)).isEmpty();
    }
}
