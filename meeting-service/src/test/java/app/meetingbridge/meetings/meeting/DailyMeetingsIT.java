package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.MEETING_CREATION_CLAIM;
import static app.meetingbridge.db.Tables.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.DeactivateMeeting;
import app.meetingbridge.events.meeting.IssueJoinToken;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.StartRecording;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * meeting-service with Daily configured against a fake Daily: platform routing (room platform, migration flag,
 * the meeting's own platform for every later operation) and the meeting commands, through RabbitMQ.
 */
class DailyMeetingsIT extends MeetingServiceTestSupport {

    static final String MIGRATED_ROOM_ID = "0b7d6c1e-1111-4000-8000-00000000da11";
    static final FakeHttpServer daily = new FakeHttpServer();

    @Autowired
    RabbitTemplate rabbit;

    @DynamicPropertySource
    static void dailySettings(DynamicPropertyRegistry registry) {
        dailyAt(daily, registry);
        registry.add("app.providers.daily-migration-enabled", () -> "true");
        registry.add("app.providers.daily-migration-room-ids", () -> MIGRATED_ROOM_ID);
        // long enough for twenty visitors to wait out one slow creation on a busy machine, far below the 60 s after
        // which a claim counts as abandoned
        registry.add("app.meetings.claim-wait", () -> "5s");
    }

    @AfterAll
    static void stopDaily() {
        daily.close();
    }

    @BeforeEach
    void dailyAnswers() {
        daily.reset();
        dailyCreatesRooms(daily);
        daily.on("DELETE", "/rooms/.*", request -> Reply.json(200, "{\"deleted\":true,\"name\":\""
                + request.path().substring("/rooms/".length()) + "\"}"));
        daily.on("POST", "/meeting-tokens", Reply.json(200, "{\"token\":\"daily-token-1\"}"));
        daily.on("POST", "/rooms/.*/recordings/start", Reply.json(200, "{\"status\":\"ok\"}"));
    }

    MeetingCreateReply create(String roomName) {
        return rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE, Topology.MEETING_CREATE,
                new CreateMeeting(UUID.randomUUID().toString(), roomName, false, null, Instant.now()),
                new ParameterizedTypeReference<MeetingCreateReply>() {
                });
    }

    CommandReply command(String routingKey, Object command) {
        return rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE, routingKey, command,
                new ParameterizedTypeReference<CommandReply>() {
                });
    }

    String platformOf(String meetingId) {
        return db.fetchSingle(MEETING, MEETING.ID.eq(meetingId)).getPlatform();
    }

    @Test
    void roomsListedForTheMigrationGetDailyWhileOthersKeepTheirPlatform() {
        String migrated = aRoom(MIGRATED_ROOM_ID, "mock");
        String other = aRoom("mock");

        String onDaily = create(migrated).meetingId();
        String onMock = create(other).meetingId();

        assertThat(platformOf(onDaily)).isEqualTo("daily");
        assertThat(platformOf(onMock)).isEqualTo("mock");
        assertThat(daily.requests("POST", "/rooms")).hasSize(1);
        assertThat(daily.requests("POST", "/rooms").get(0).json().get("name").stringValue()).startsWith(migrated + "-");
        assertThat(create(migrated).meetingId()).isEqualTo(onDaily);
    }

    @Test
    void laterOperationsGoToTheMeetingsOwnPlatformAfterTheRoomMovedOn() {
        String room = aRoom("daily");
        String meetingId = create(room).meetingId();
        db.update(ROOM).set(ROOM.PLATFORM, "mock").where(ROOM.NAME.eq(room)).execute();

        CommandReply token = command(Topology.MEETING_JOIN_TOKEN, new IssueJoinToken("r1", meetingId, "user-1", true, false));
        CommandReply deactivated = command(Topology.MEETING_DEACTIVATE, new DeactivateMeeting("r2", meetingId));

        assertThat(token.outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(token.value()).isEqualTo("daily-token-1");
        JsonNode tokenProperties = daily.requests("POST", "/meeting-tokens").get(0).json().get("properties");
        assertThat(tokenProperties.get("user_id").stringValue()).isEqualTo("user-1");
        assertThat(tokenProperties.get("exp").longValue())
                .isEqualTo(db.fetchSingle(MEETING, MEETING.ID.eq(meetingId)).getEndDate().getEpochSecond());
        assertThat(deactivated.outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(daily.requests("DELETE", "/rooms/" + room + "-.*")).hasSize(1);
        assertThat(db.fetchSingle(MEETING, MEETING.ID.eq(meetingId)).getIsActive()).isFalse();
    }

    @Test
    void deactivationIsIdempotentAndDeletesTheProviderRoomOnce() {
        String meetingId = create(aRoom("daily")).meetingId();

        command(Topology.MEETING_DEACTIVATE, new DeactivateMeeting("r1", meetingId));
        CommandReply again = command(Topology.MEETING_DEACTIVATE, new DeactivateMeeting("r2", meetingId));

        assertThat(again.outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(daily.requests("DELETE", ".*")).hasSize(1);
        assertThat(db.fetchSingle(MEETING, MEETING.ID.eq(meetingId)).getProviderRoomDeletedAt()).isNotNull();
    }

    @Test
    void startsBothRecordingsWithTheirDeterministicInstanceIds() {
        String meetingId = create(aRoom("daily")).meetingId();

        CommandReply cloud = command(Topology.MEETING_START_RECORDING, new StartRecording("r1", meetingId, StartRecording.Kind.CLOUD));
        CommandReply raw = command(Topology.MEETING_START_RECORDING, new StartRecording("r2", meetingId, StartRecording.Kind.RAW_TRACKS));
        daily.on("POST", "/rooms/.*/recordings/start",
                Reply.json(400, "{\"error\":\"invalid-request-error\",\"info\":\"room has an active stream\"}"));
        CommandReply again = command(Topology.MEETING_START_RECORDING, new StartRecording("r3", meetingId, StartRecording.Kind.RAW_TRACKS));

        assertThat(cloud.value()).isEqualTo(meetingId);
        assertThat(raw.value()).isEqualTo(Meeting.uuidV5(java.util.UUID.fromString("a1b2c3d4-e5f6-7890-abcd-ef1234567890"), meetingId).toString());
        var starts = daily.requests("POST", "/rooms/.*/recordings/start");
        assertThat(starts.get(0).json().get("type").stringValue()).isEqualTo("cloud");
        assertThat(starts.get(1).json().get("instanceId").stringValue()).isEqualTo(raw.value());
        assertThat(again.outcome()).isEqualTo(CommandReply.Outcome.ALREADY_ACTIVE);
        assertThat(again.value()).isEqualTo(raw.value());
    }

    @Test
    void reportsAProviderRefusalWithItsStatus() {
        String meetingId = create(aRoom("daily")).meetingId();
        daily.on("POST", "/rooms/.*/recordings/start",
                Reply.json(404, "{\"error\":\"not-found\",\"info\":\"does not seem to be hosting a call\"}"));

        CommandReply refused = command(Topology.MEETING_START_RECORDING, new StartRecording("r", meetingId, StartRecording.Kind.CLOUD));

        assertThat(refused.outcome()).isEqualTo(CommandReply.Outcome.PROVIDER_REFUSED);
        assertThat(refused.providerStatus()).isEqualTo(404);
        assertThat(refused.message()).contains("does not seem to be hosting a call");
    }

    @Test
    void aProviderThatKeepsFailingLeavesNoMeetingBehind() {
        String room = aRoom("daily");
        daily.on("POST", "/rooms", Reply.json(500, "{\"error\":\"server-error\"}"));

        MeetingCreateReply reply = create(room);

        assertThat(reply.outcome()).isEqualTo(MeetingCreateReply.Outcome.PROVIDER_UNAVAILABLE);
        assertThat(db.fetchCount(MEETING, MEETING.ROOM_ID.eq(roomId(room)))).isZero();
    }

    @Test
    void answersUnknownMeetingsWithNotFound() {
        CommandReply reply = command(Topology.MEETING_DEACTIVATE, new DeactivateMeeting("r", UUID.randomUUID().toString()));

        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.MEETING_NOT_FOUND);
    }

    @Test
    void concurrentVisitorsWaitForTheOneSlowProviderCallInsteadOfMakingTheirOwn() throws Exception {
        String room = aRoom("daily");
        daily.on("POST", "/rooms", request -> {
            String name = request.json().get("name").stringValue();
            return Reply.json(200, "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name
                    + "\",\"url\":\"https://acme.daily.co/" + name + "\"}").after(java.time.Duration.ofMillis(400));
        });
        var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            var replies = new java.util.ArrayList<java.util.concurrent.Future<MeetingCreateReply>>();
            for (int i = 0; i < 20; i++) {
                replies.add(pool.submit(() -> create(room)));
            }
            var ids = new java.util.HashSet<String>();
            for (var reply : replies) {
                ids.add(reply.get().meetingId());
            }

            assertThat(ids).hasSize(1).doesNotContainNull();
            assertThat(daily.requests("POST", "/rooms")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void takesOverAClaimAbandonedByACrashedInstance() {
        String room = aRoom("daily");
        aClaim(room, "crashed", Instant.now().minusSeconds(120));

        MeetingCreateReply reply = create(room);

        assertThat(reply.outcome()).isEqualTo(MeetingCreateReply.Outcome.CREATED);
        assertThat(db.fetchCount(MEETING_CREATION_CLAIM,
                MEETING_CREATION_CLAIM.ROOM_ID.eq(roomId(room)))).isZero();
    }

    @Test
    void givesUpWithABoundedWaitWhileAnotherCreationIsStillInFlight() {
        String room = aRoom("daily");
        aClaim(room, "in-flight", Instant.now());

        long started = System.nanoTime();
        MeetingCreateReply reply = create(room);

        assertThat(reply.outcome()).isEqualTo(MeetingCreateReply.Outcome.PROVIDER_UNAVAILABLE);
        // bounded by the claim wait (5 s), not by the claim going stale (60 s); the rest is room for a busy machine
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(30));
        assertThat(daily.requests("POST", "/rooms")).isEmpty();
    }

    @Test
    void releasesTheClaimWhenTheProviderFailsSoTheNextRequestTriesAgain() {
        String room = aRoom("daily");
        daily.on("POST", "/rooms", Reply.json(401, "{\"error\":\"authentication-error\"}"));
        assertThat(create(room).outcome()).isEqualTo(MeetingCreateReply.Outcome.PROVIDER_REFUSED);

        dailyAnswers();
        MeetingCreateReply retried = create(room);

        assertThat(retried.outcome()).isEqualTo(MeetingCreateReply.Outcome.CREATED);
    }

    /** A creation claim on the room as another instance would have left it. */
    void aClaim(String room, String claimId, Instant claimedAt) {
        db.insertInto(MEETING_CREATION_CLAIM)
                .set(MEETING_CREATION_CLAIM.ROOM_ID, roomId(room))
                .set(MEETING_CREATION_CLAIM.CLAIM_ID, claimId)
                .set(MEETING_CREATION_CLAIM.CLAIMED_AT, claimedAt)
                .execute();
    }
}
