package app.meetingbridge.meetings;

import static app.meetingbridge.db.Tables.ROOM;

import app.meetingbridge.events.Topology;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.Fixtures;
import app.meetingbridge.testsupport.TestServices;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of meeting-service's integration tests: the real service on this run's database and vhost.
 *
 * <p>Test contexts stay alive, cached, while later test classes run, and they share the database: a cached context's
 * presence and closing jobs would read another class's meetings from its own fake provider (which knows nothing of
 * them) and close their sessions or the meetings themselves. Those jobs therefore wait an hour in every context;
 * a class that tests them sets short intervals of its own with {@code @DynamicPropertySource}, which takes
 * precedence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"app.lifecycle.presence-interval=1h", "app.lifecycle.dirty-presence-interval=1h",
        "app.lifecycle.deactivation-interval=1h"})
public abstract class MeetingServiceTestSupport {

    @Autowired
    protected DSLContext db;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
        standInForTheRecordingWorker();
        // the tests ask over request/reply (meeting-service itself never does): Spring AMQP's 5 s default is too short
        // on a machine busy with other builds, where fifty concurrent requests for one room wait for one creation
        registry.add("spring.rabbitmq.template.reply-timeout", () -> "60s");
    }

    /**
     * The recording-worker's queue does not exist in these tests, and the outbox keeps a message no queue takes; a
     * queue of the tests' own takes {@code recording.ready} in its place (the newest 10,000, unread), as the worker's
     * would in a deployment. Tests that check announcements bind observers of their own beside it.
     */
    private static void standInForTheRecordingWorker() {
        var mq = TestServices.broker();
        CachingConnectionFactory connection = new CachingConnectionFactory(mq.host(), mq.port());
        connection.setUsername(mq.user());
        connection.setPassword(mq.password());
        connection.setVirtualHost(mq.virtualHost());
        try {
            RabbitAdmin admin = new RabbitAdmin(connection);
            TopicExchange recordings = new TopicExchange(Topology.RECORDINGS_EXCHANGE, true, false);
            Queue standIn = new Queue("test.recording-worker-stand-in", false, false, false,
                    Map.of("x-max-length", 10_000));
            admin.declareExchange(recordings);
            admin.declareQueue(standIn);
            admin.declareBinding(BindingBuilder.bind(standIn).to(recordings).with(Topology.RECORDING_READY));
        } finally {
            connection.destroy();
        }
    }

    /** A room as the gateway stores it, with Reflector's default settings on the given platform. */
    protected String aRoom(String platform) {
        return aRoom(UUID.randomUUID().toString(), platform);
    }

    protected String aRoom(String id, String platform) {
        String name = "room-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.aRoom().withId(id).named(name).ownedBy("owner-1").onPlatform(platform).insert(db);
        return name;
    }

    /**
     * Rooms set to a platform other than mock would stop the next test context from starting (meeting-service
     * refuses to start when rooms use an unconfigured platform), so each test removes the ones it made.
     */
    @AfterEach
    void removeRoomsOnOtherPlatforms() {
        db.deleteFrom(ROOM).where(ROOM.PLATFORM.ne("mock")).execute();
    }

    /** Enables Daily against {@code fake}, with the bucket and role a Daily deployment needs. */
    protected static void dailyAt(FakeHttpServer fake, DynamicPropertyRegistry registry) {
        registry.add("app.providers.daily.api-key", () -> "test-daily-key");
        registry.add("app.providers.daily.api-url", () -> fake.baseUri().toString());
        registry.add("app.providers.daily.recordings-bucket", () -> "daily-recordings");
        registry.add("app.providers.daily.recordings-role-arn", () -> "arn:aws:iam::123456789012:role/daily");
    }

    /** Makes the fake answer {@code POST /rooms} with the room Daily would create under the name asked for. */
    protected static void dailyCreatesRooms(FakeHttpServer fake) {
        fake.on("POST", "/rooms", request -> {
            String name = request.json().get("name").stringValue();
            return FakeHttpServer.Reply.json(200, "{\"id\":\"" + UUID.nameUUIDFromBytes(name.getBytes()) + "\",\"name\":\""
                    + name + "\",\"api_created\":true,\"privacy\":\"public\",\"url\":\"https://acme.daily.co/" + name
                    + "\",\"config\":{}}");
        });
    }

    protected String roomId(String roomName) {
        return db.select(ROOM.ID).from(ROOM).where(ROOM.NAME.eq(roomName)).fetchSingle(ROOM.ID);
    }
}
