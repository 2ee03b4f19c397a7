package app.meetingbridge.meetings.providerevents;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.RECORDING_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.events.provider.ParticipantLeft;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.provider.RecordingStarted;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.meetings.RecordingReadyObserver;
import app.meetingbridge.messaging.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;

/**
 * Provider events as the gateway publishes them, consumed by meeting-service from its quorum queue: applied
 * idempotently and in any order; a message that is not ours ends in the dead-letter queue.
 */
@TestPropertySource(properties = {"app.lifecycle.deactivation-interval=1h", "app.metrics.queue-interval=300ms"})
class ProviderEventsIT extends MeetingServiceTestSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    ProviderEventHandler handler;

    String meetingOf(String room) {
        MeetingCreateReply reply = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_CREATE, new CreateMeeting(UUID.randomUUID().toString(), room, false, null, Instant.now()),
                new ParameterizedTypeReference<MeetingCreateReply>() {
                });
        return reply.meetingId();
    }

    String providerRoom(String meetingId) {
        return db.fetchSingle(MEETING, MEETING.ID.eq(meetingId)).getProviderRoomName();
    }

    void publish(String routingKey, Object event) {
        rabbit.convertAndSend(Topology.PROVIDER_EVENTS_EXCHANGE, routingKey, event);
    }

    /** Generous: the consumer, the outbox relay and the broker share two busy cores with other builds. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    static Instant at(int secondsAgo) {
        return Instant.now().minusSeconds(secondsAgo).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void appliesBatchesAboutTheSameMeetingsInOppositeOrdersSideBySide() throws Exception {
        List<String> rooms = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String meeting = meetingOf(aRoom("mock"));
            ids.add(meeting);
            rooms.add(providerRoom(meeting));
        }
        int rounds = 25;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Object> forward = new ArrayList<>();
                for (int i = 0; i < rooms.size(); i++) {
                    // an absolute count (written at once) and a session of each meeting, meeting after meeting
                    forward.add(new ParticipantJoined("f-" + round + "-" + i, Instant.now(), Platform.MOCK, rooms.get(i),
                            null, "f-" + round, "u-f", "Forward", at(60 - round), round + 1));
                }
                List<Object> backward = new ArrayList<>();
                for (int i = rooms.size() - 1; i >= 0; i--) {
                    backward.add(new ParticipantJoined("b-" + round + "-" + i, Instant.now(), Platform.MOCK, rooms.get(i),
                            null, "b-" + round, "u-b", "Backward", at(60 - round), round + 1));
                }
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> batches = List.of(forward, backward).stream().map(batch -> consumers.submit(() -> {
                    try {
                        together.await();
                        handler.handleAll(batch);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                })).collect(Collectors.toList());
                for (Future<?> batch : batches) {
                    batch.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            consumers.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.in(ids))).isEqualTo(
                2 * rounds * ids.size());
    }

    @Test
    void recordsSessionsWhateverTheOrderAndHoweverOftenTheyArrive() throws Exception {
        String meeting = meetingOf(aRoom("mock"));
        String room = providerRoom(meeting);
        Instant joinedAt = at(60);
        Instant leftAt = at(10);
        ParticipantLeft left = new ParticipantLeft("e-left", Instant.now(), Platform.MOCK, room, null, "s-1", "u-1",
                null, leftAt, null);
        ParticipantJoined joined = new ParticipantJoined("e-joined", Instant.now(), Platform.MOCK, room, null, "s-1",
                "u-1", "Ada", joinedAt, null);

        publish(Topology.PARTICIPANT_LEFT, left);
        publish(Topology.PARTICIPANT_JOINED, joined);
        publish(Topology.PARTICIPANT_JOINED, joined);
        publish(Topology.PARTICIPANT_LEFT, left);
        // two consumers apply the four deliveries in any order: wait for the whole row, not for its first half
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(db
                .selectFrom(PARTICIPANT_SESSION).where(PARTICIPANT_SESSION.MEETING_ID.eq(meeting)).fetch())
                .extracting(row -> row.getSessionId(), row -> row.getJoinedAt(), row -> row.getLeftAt(),
                        row -> row.getUserId(), row -> row.getUserName())
                .containsExactly(tuple("s-1", joinedAt, leftAt, "u-1", "Ada")));
    }

    @Test
    void takesAbsoluteCountsAndIgnoresOneOlderThanTheLast() throws Exception {
        String meeting = meetingOf(aRoom("mock"));
        String room = providerRoom(meeting);

        publish(Topology.PARTICIPANT_JOINED, new ParticipantJoined("w1", Instant.now(), Platform.MOCK, room, null, "a",
                null, null, at(5), 3));
        await(() -> db.fetchSingle(MEETING, MEETING.ID.eq(meeting)).getNumClients() == 3);
        publish(Topology.PARTICIPANT_LEFT, new ParticipantLeft("w0", Instant.now(), Platform.MOCK, room, null, "b",
                null, null, at(30), 1));
        publish(Topology.PARTICIPANT_LEFT, new ParticipantLeft("w2", Instant.now(), Platform.MOCK, room, null, "c",
                null, null, at(1), 2));
        // each leave stores its session in the transaction that applies its count: both sessions there means both
        // counts were applied, in whatever order the two consumers took them
        await(() -> db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meeting)
                .and(PARTICIPANT_SESSION.SESSION_ID.in("b", "c"))) == 2);

        assertThat(db.fetchSingle(MEETING, MEETING.ID.eq(meeting)).getNumClients()).isEqualTo(2);
    }

    @Test
    void announcesAFinishedRecordingOnceLinkedToItsMeeting() throws Exception {
        String meeting = meetingOf(aRoom("mock"));
        String room = providerRoom(meeting);
        RecordingReadyObserver observer = new RecordingReadyObserver(admin, rabbit);
        RecordingFinished finished = new RecordingFinished("rf-1", Instant.now(), Platform.MOCK, room, "rec-" + meeting,
                RecordingReady.Kind.RAW_TRACKS, at(100), 90, "acme/" + room + "/1", List.of("t-1.webm", "t-2.webm"));

        publish(Topology.RECORDING_STARTED, new RecordingStarted("rs-1", Instant.now(), Platform.MOCK, room,
                "rec-" + meeting, "instance-1", at(100)));
        publish(Topology.RECORDING_FINISHED, finished);
        publish(Topology.RECORDING_FINISHED, finished);
        RecordingReady announced = observer.next(PATIENCE.toMillis());

        assertThat(announced).isNotNull();
        assertThat(announced.meetingId()).isEqualTo(meeting);
        assertThat(announced.bucket()).isEqualTo("mock-recordings");
        assertThat(announced.objectKeys()).containsExactly("t-1.webm", "t-2.webm");
        assertThat(announced.kind()).isEqualTo(RecordingReady.Kind.RAW_TRACKS);
        assertThat(observer.remaining()).isEmpty();
        // the start went to either consumer: it may be applied after the finish it came before
        await(() -> db.fetchExists(RECORDING_START, RECORDING_START.PROVIDER_RECORDING_ID.eq("rec-" + meeting)));
        assertThat(db.fetchSingle(RECORDING_START, RECORDING_START.PROVIDER_RECORDING_ID.eq("rec-" + meeting))
                .getInstanceId()).isEqualTo("instance-1");
        observer.close();
    }

    @Test
    void aFinishedRecordingThatNamesNoObjectsYetIsNotAnnouncedSoThePollCanAnnounceItWithThem() throws Exception {
        String meeting = meetingOf(aRoom("mock"));
        String room = providerRoom(meeting);
        RecordingReadyObserver observer = new RecordingReadyObserver(admin, rabbit);
        String recording = "rec-empty-" + UUID.randomUUID();

        // Daily's webhook may carry "tracks": null; the recordings poll later lists the tracks
        publish(Topology.RECORDING_FINISHED, new RecordingFinished("rf-e1", Instant.now(), Platform.MOCK, room, recording,
                RecordingReady.Kind.RAW_TRACKS, at(100), 90, "acme/" + room + "/1", List.of()));
        publish(Topology.RECORDING_FINISHED, new RecordingFinished("poll-e1", Instant.now(), Platform.MOCK, room,
                recording, RecordingReady.Kind.RAW_TRACKS, at(100), 90, "acme/" + room + "/1", List.of("t-1.webm")));
        RecordingReady ready = observer.next(PATIENCE.toMillis());

        assertThat(ready).isNotNull();
        assertThat(ready.providerRecordingId()).isEqualTo(recording);
        assertThat(ready.objectKeys()).containsExactly("t-1.webm");
        assertThat(observer.remaining()).isEmpty();
        observer.close();
    }

    @Test
    void linksAFinishedRecordingByTheStartItReportedBeforeTheRoomName() throws Exception {
        String meeting = meetingOf(aRoom("mock"));
        String room = providerRoom(meeting);
        RecordingReadyObserver observer = new RecordingReadyObserver(admin, rabbit);
        String recording = "rec-linked-" + UUID.randomUUID();
        publish(Topology.RECORDING_STARTED, new RecordingStarted("rs-l", Instant.now(), Platform.MOCK, room,
                recording, "instance-l", at(100)));
        await(() -> db.fetchExists(RECORDING_START, RECORDING_START.PROVIDER_RECORDING_ID.eq(recording)));

        // the finished recording names a room we do not know: the start we recorded links it
        publish(Topology.RECORDING_FINISHED, new RecordingFinished("rf-l", Instant.now(), Platform.MOCK,
                "a-room-name-we-never-made", recording, RecordingReady.Kind.CLOUD, at(100), 60, "acme/x/1", List.of()));
        RecordingReady ready = observer.next(PATIENCE.toMillis());

        assertThat(ready).isNotNull();
        assertThat(ready.meetingId()).isEqualTo(meeting);
        observer.close();
    }

    @Test
    void parksAMessageThatIsNotOursInTheDeadLetterQueue() throws Exception {
        String dlq = Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service.dlq";
        MessageProperties properties = new MessageProperties();
        properties.setHeader(WireFormat.TYPE_HEADER, "something.else");
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.PARTICIPANT_JOINED,
                new Message("{\"poison\":true}".getBytes(StandardCharsets.UTF_8), properties));

        await(() -> admin.getQueueInfo(dlq) != null && admin.getQueueInfo(dlq).getMessageCount() > 0);
        Message parked = rabbit.receive(dlq, PATIENCE.toMillis());
        assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).contains("poison");
    }

    @Test
    void appliesTheGoodEventsOfABatchAndParksOnlyTheOnesThatFail() throws Exception {
        String meeting = meetingOf(aRoom("mock"));
        String room = providerRoom(meeting);
        String dlq = Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service.dlq";
        long parkedBefore = admin.getQueueInfo(dlq) == null ? 0 : admin.getQueueInfo(dlq).getMessageCount();
        MessageProperties notOurs = new MessageProperties();
        notOurs.setHeader(WireFormat.TYPE_HEADER, "something.else");
        notOurs.setMessageId("not-ours");

        bindings.changeState("providerEvents-in-0", BindingsLifecycleController.State.STOPPED);
        try {
            for (int i = 0; i < 20; i++) {
                publish(Topology.PARTICIPANT_JOINED, new ParticipantJoined("batch-" + i, Instant.now(), Platform.MOCK,
                        room, null, "batch-s-" + i, null, "P" + i, at(30), null));
                if (i == 5) {
                    rabbit.send(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.PARTICIPANT_JOINED,
                            new Message("{}".getBytes(StandardCharsets.UTF_8), notOurs));
                }
                if (i == 12) { // ours, but it cannot be stored: a session needs its id
                    publish(Topology.PARTICIPANT_JOINED, new ParticipantJoined("batch-broken", Instant.now(),
                            Platform.MOCK, room, null, null, null, "Broken", at(30), null));
                }
            }
        } finally {
            bindings.changeState("providerEvents-in-0", BindingsLifecycleController.State.STARTED);
        }

        await(() -> db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meeting)) == 20
                && admin.getQueueInfo(dlq).getMessageCount() == parkedBefore + 2);
        List<String> reasons = new java.util.ArrayList<>();
        for (Message parked = rabbit.receive(dlq, 1000); parked != null; parked = rabbit.receive(dlq, 1000)) {
            reasons.add(parked.getMessageProperties().getHeader("x-exception-message").toString());
        }
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains("unknown message type something.else"))
                .anySatisfy(reason -> assertThat(reason).contains("session_id"));
        assertThat(db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meeting))).isEqualTo(20);
    }

    @Test
    void keepsTheSessionOfAParticipantWhoseUserIdCannotBeOneOfOursWithoutTheId() throws Exception {
        String meeting = meetingOf(aRoom("mock"));

        publish(Topology.PARTICIPANT_JOINED, new ParticipantJoined("long-user", Instant.now(), Platform.MOCK,
                providerRoom(meeting), null, "s-long-user", "u".repeat(65), "Long", Instant.now(), null));

        await(() -> db.fetchExists(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meeting)));
        var session = db.fetchSingle(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meeting));
        assertThat(session.getSessionId()).isEqualTo("s-long-user");
        assertThat(session.getUserId()).isNull();
        assertThat(session.getUserName()).isEqualTo("Long");
    }

    @Test
    void acknowledgesEventsAboutRoomsItDoesNotKnow() throws Exception {
        publish(Topology.PARTICIPANT_JOINED, new ParticipantJoined("x", Instant.now(), Platform.MOCK, "no-such-room",
                null, "s", null, null, Instant.now(), null));
        String meeting = meetingOf(aRoom("mock"));
        publish(Topology.PARTICIPANT_JOINED, new ParticipantJoined("y", Instant.now(), Platform.MOCK,
                providerRoom(meeting), null, "s", null, null, Instant.now(), null));

        await(() -> db.fetchExists(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meeting)));
        String dlq = Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service.dlq";
        assertThat(admin.getQueueInfo(dlq) == null ? 0 : admin.getQueueInfo(dlq).getMessageCount()).isZero();
    }

    @Test
    void redrivesDeadLettersBackToTheirQueueWhereTheyAreApplied() throws Exception {
        String meeting = meetingOf(aRoom("mock"));
        String queue = Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service";
        ParticipantJoined parked = new ParticipantJoined("parked", Instant.now(), Platform.MOCK, providerRoom(meeting),
                null, "from-the-dlq", null, "Grace", Instant.now(), null);
        rabbit.convertAndSend("", queue + ".dlq", parked);
        await(() -> admin.getQueueInfo(queue + ".dlq").getMessageCount() == 1);

        var printed = new java.io.ByteArrayOutputStream();
        var mq = app.meetingbridge.testsupport.TestServices.broker();
        int exit = app.meetingbridge.meetings.messaging.DeadLetterCommand.run(List.of("redrive", queue), java.util.Map.of(
                "SPRING_RABBITMQ_HOST", mq.host(), "SPRING_RABBITMQ_PORT", String.valueOf(mq.port()),
                "SPRING_RABBITMQ_USERNAME", mq.user(), "SPRING_RABBITMQ_PASSWORD", mq.password(),
                "SPRING_RABBITMQ_VIRTUAL_HOST", mq.virtualHost()), new java.io.PrintStream(printed, true));

        assertThat(exit).isZero();
        assertThat(printed.toString()).contains("moved 1 message(s)");
        await(() -> db.fetchExists(PARTICIPANT_SESSION, PARTICIPANT_SESSION.SESSION_ID.eq("from-the-dlq")));
        assertThat(admin.getQueueInfo(queue + ".dlq").getMessageCount()).isZero();
    }

    @Test
    void reportsQueueDepthsAndConsumersAsMetrics() throws Exception {
        var gauge = (java.util.function.Supplier<io.micrometer.core.instrument.Gauge>) () -> meters
                .find("rabbitmq.queue.consumers").tag("queue", "provider-events.meeting-service").gauge();

        var parked = (java.util.function.Supplier<io.micrometer.core.instrument.Gauge>) () -> meters
                .find("rabbitmq.queue.messages").tag("queue", "provider-events.meeting-service.dlq").gauge();

        // one reading sets the gauges queue after queue: wait for the one asserted, not only for the first
        await(() -> gauge.get() != null && gauge.get().value() >= 1 && parked.get() != null
                && parked.get().value() >= 0);
    }
}
