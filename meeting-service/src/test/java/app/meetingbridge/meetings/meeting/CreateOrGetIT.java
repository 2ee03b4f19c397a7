package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.WireNames;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.DeactivateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingCreateReply.Outcome;
import app.meetingbridge.events.meeting.MeetingCreated;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.messaging.WireFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;

/** Create-or-get through its real entry point: {@code meeting.create} requests over RabbitMQ. */
@TestPropertySource(properties = {
        "app.providers.daily-migration-enabled=true",
        "app.providers.daily-migration-room-ids=" + CreateOrGetIT.MIGRATED_ROOM_ID})
class CreateOrGetIT extends MeetingServiceTestSupport {

    static final String MIGRATED_ROOM_ID = "6f1c0d2e-0000-4000-8000-00000000d41a";
    static final ParameterizedTypeReference<MeetingCreateReply> REPLY = new ParameterizedTypeReference<>() {
    };

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    MeterRegistry registry;

    MeetingCreateReply ask(String roomName, boolean allowDuplicated) {
        return rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE, Topology.MEETING_CREATE,
                new CreateMeeting(UUID.randomUUID().toString(), roomName, allowDuplicated, null, Instant.now()), REPLY);
    }

    long mockRoomsCreated() {
        Timer timer = registry.find("provider.requests")
                .tags("platform", "mock", "operation", "create_room", "outcome", "success").timer();
        return timer == null ? 0 : timer.count();
    }

    int meetingsOf(String roomName) {
        return db.fetchCount(MEETING, MEETING.ROOM_ID.eq(roomId(roomName)));
    }

    @Test
    void fiftyConcurrentRequestsForOneRoomCreateExactlyOneMeeting() throws Exception {
        String room = aRoom("mock");
        long before = mockRoomsCreated();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<MeetingCreateReply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                replies.add(pool.submit((Callable<MeetingCreateReply>) () -> ask(room, false)));
            }
            Set<String> meetingIds = replies.stream().map(CreateOrGetIT::get).map(MeetingCreateReply::meetingId)
                    .collect(Collectors.toSet());
            List<Outcome> outcomes = replies.stream().map(CreateOrGetIT::get).map(MeetingCreateReply::outcome).toList();

            assertThat(meetingIds).hasSize(1).doesNotContainNull();
            assertThat(outcomes).filteredOn(Outcome.CREATED::equals).hasSize(1);
            assertThat(outcomes).filteredOn(Outcome.REUSED::equals).hasSize(49);
            assertThat(meetingsOf(room)).isEqualTo(1);
            assertThat(mockRoomsCreated() - before).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changedRoomSettingMakesTheNextRequestCreateANewMeeting() {
        String room = aRoom("mock");
        String first = ask(room, false).meetingId();
        assertThat(ask(room, false).meetingId()).isEqualTo(first);

        db.update(ROOM).set(ROOM.RECORDING_TYPE, "none").where(ROOM.NAME.eq(room)).execute();
        MeetingCreateReply second = ask(room, false);

        assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(second.meetingId()).isNotEqualTo(first);
        assertThat(db.fetchSingle(MEETING, MEETING.ID.eq(second.meetingId())).getRecordingType()).isEqualTo("none");
        assertThat(db.fetchSingle(MEETING, MEETING.ID.eq(first)).getIsActive()).isTrue();
    }

    @Test
    void allowDuplicatedCreatesAnotherMeetingEveryTime() {
        String room = aRoom("mock");

        MeetingCreateReply a = ask(room, true);
        MeetingCreateReply b = ask(room, true);

        assertThat(a.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(b.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(a.meetingId()).isNotEqualTo(b.meetingId());
        assertThat(meetingsOf(room)).isEqualTo(2);
    }

    @Test
    void theSameRequestDeliveredAgainIsAnsweredWithTheMeetingItMadeWithoutAnotherProviderRoom() {
        String room = aRoom("mock");
        CreateMeeting request = new CreateMeeting(UUID.randomUUID().toString(), room, true, null, Instant.now());
        long before = mockRoomsCreated();

        MeetingCreateReply first = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_CREATE, request, REPLY);
        MeetingCreateReply again = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_CREATE, request, REPLY);

        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(again.meetingId()).isEqualTo(first.meetingId());
        assertThat(meetingsOf(room)).isEqualTo(1);
        assertThat(mockRoomsCreated()).isEqualTo(before + 1);
    }

    @Test
    void answersFailedSayingWhyToARequestThatIsNotJsonOrLacksItsIdAndCreatesNothing() {
        String room = aRoom("mock");
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader(WireFormat.TYPE_HEADER, WireNames.of(CreateMeeting.class));

        Message garbage = rabbit.sendAndReceive(Topology.MEETING_COMMANDS_EXCHANGE, Topology.MEETING_CREATE,
                new Message("{\"requestId\": [".getBytes(StandardCharsets.UTF_8), properties));
        MeetingCreateReply noId = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_CREATE, new CreateMeeting(" ", room, true, null, Instant.now()), REPLY);
        MeetingCreateReply longId = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_CREATE, new CreateMeeting("r".repeat(65), room, true, null, Instant.now()), REPLY);

        assertThat(garbage).as("a reply, not a timeout").isNotNull();
        MeetingCreateReply garbageReply = (MeetingCreateReply) rabbit.getMessageConverter().fromMessage(garbage);
        assertThat(garbageReply.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(garbageReply.message()).startsWith("Meeting creation failed");
        assertThat(noId.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(noId.message()).contains("requestId of 1 to 64 characters");
        assertThat(longId.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(meetingsOf(room)).isZero();
    }

    @Test
    void answersFailedToACommandItDoesNotKnowOrCannotReadAndNotFoundForAnUnknownMeeting() {
        MessageProperties unknown = new MessageProperties();
        unknown.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        unknown.setHeader(WireFormat.TYPE_HEADER, "meeting.self-destruct");
        MessageProperties unreadable = new MessageProperties();
        unreadable.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        unreadable.setHeader(WireFormat.TYPE_HEADER, WireNames.of(DeactivateMeeting.class));

        Message unknownReply = rabbit.sendAndReceive(Topology.MEETING_COMMANDS_EXCHANGE, Topology.MEETING_DEACTIVATE,
                new Message("{}".getBytes(StandardCharsets.UTF_8), unknown));
        Message unreadableReply = rabbit.sendAndReceive(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_DEACTIVATE, new Message("not json".getBytes(StandardCharsets.UTF_8), unreadable));
        CommandReply missing = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_DEACTIVATE, new DeactivateMeeting(UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                new ParameterizedTypeReference<CommandReply>() {
                });

        assertThat(unknownReply).as("a reply, not a timeout").isNotNull();
        assertThat(((CommandReply) rabbit.getMessageConverter().fromMessage(unknownReply)).outcome())
                .isEqualTo(CommandReply.Outcome.FAILED);
        assertThat(unreadableReply).as("a reply, not a timeout").isNotNull();
        assertThat(((CommandReply) rabbit.getMessageConverter().fromMessage(unreadableReply)).outcome())
                .isEqualTo(CommandReply.Outcome.FAILED);
        assertThat(missing.outcome()).isEqualTo(CommandReply.Outcome.MEETING_NOT_FOUND);
    }

    @Test
    void storesTheMeetingWithItsPlatformSnapshotAndProviderIds() {
        String room = aRoom("mock");

        String id = ask(room, false).meetingId();

        var row = db.fetchSingle(MEETING, MEETING.ID.eq(id));
        assertThat(row.getPlatform()).isEqualTo("mock");
        assertThat(row.getProviderRoomName()).startsWith(room + "-");
        assertThat(row.getRoomUrl()).isEqualTo("http://localhost:1250/mock/rooms/" + row.getProviderRoomName());
        assertThat(row.getProviderMeetingId()).isNotBlank();
        assertThat(row.getEndDate()).isEqualTo(row.getStartDate().plusSeconds(8 * 3600));
        assertThat(row.getRecordingTrigger()).isEqualTo("automatic-2nd-participant");
    }

    @Test
    void answersRoomNotFoundForAnUnknownRoom() {
        MeetingCreateReply reply = ask("no-such-room", false);

        assertThat(reply.outcome()).isEqualTo(Outcome.ROOM_NOT_FOUND);
        assertThat(reply.meetingId()).isNull();
    }

    @Test
    void refusesAPlatformThisDeploymentDidNotConfigure() {
        String room = aRoom("whereby");

        MeetingCreateReply reply = ask(room, false);

        assertThat(reply.outcome()).isEqualTo(Outcome.PLATFORM_UNAVAILABLE);
        assertThat(reply.message()).contains("whereby");
        assertThat(meetingsOf(room)).isZero();
    }

    @Test
    void routesRoomsListedForTheDailyMigrationToDaily() {
        String migrated = aRoom(MIGRATED_ROOM_ID, "mock");
        String untouched = aRoom("mock");

        MeetingCreateReply reply = ask(migrated, false);

        assertThat(reply.outcome()).isEqualTo(Outcome.PLATFORM_UNAVAILABLE);
        assertThat(reply.message()).contains("'daily'");
        assertThat(ask(untouched, false).outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void publishesMeetingCreatedUnderItsWireNameOnly() {
        Queue queue = new Queue("test." + UUID.randomUUID(), false, true, true);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(Topology.MEETINGS_EXCHANGE))
                .with(Topology.MEETING_CREATED));
        String room = aRoom("mock");

        String meetingId = ask(room, false).meetingId();
        Message message = rabbit.receive(queue.getName(), 60_000);

        assertThat(message).isNotNull();
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("app.meetingbridge");
        assertThat(rabbit.getMessageConverter().fromMessage(message))
                .isInstanceOfSatisfying(MeetingCreated.class, event -> {
                    assertThat(event.meetingId()).isEqualTo(meetingId);
                    assertThat(event.platform()).isEqualTo(Platform.MOCK);
                    assertThat(event.roomId()).isEqualTo(roomId(room));
                });
        assertThat(message.getMessageProperties().getType()).isEqualTo("meeting.created");
        assertThat(message.getMessageProperties().getHeaders().get("__TypeId__")).isEqualTo("meeting.created");
        assertThat(message.getMessageProperties().getMessageId()).isNotBlank();
    }

    static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
