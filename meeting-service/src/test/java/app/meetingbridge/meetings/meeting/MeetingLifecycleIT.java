package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.events.provider.ParticipantLeft;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Presence reconciliation and deactivation of Daily meetings, against a fake Daily, on short schedules. */
class MeetingLifecycleIT extends MeetingServiceTestSupport {

    static final FakeHttpServer daily = new FakeHttpServer();
    /** What the fake Daily says is in each provider room; a room not listed is empty. */
    static final Map<String, String> presence = new ConcurrentHashMap<>();

    @Autowired
    RabbitTemplate rabbit;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        dailyAt(daily, registry);
        registry.add("app.lifecycle.dirty-presence-interval", () -> "200ms");
        registry.add("app.lifecycle.presence-interval", () -> "1h");
        registry.add("app.lifecycle.deactivation-interval", () -> "300ms");
        // the meetings made idle are set a minute back; a meeting just handed out must stay within the grace for as
        // long as a test on a busy machine takes
        registry.add("app.lifecycle.empty-grace", () -> "30s");
    }

    @AfterAll
    static void stopDaily() {
        daily.close();
    }

    @BeforeEach
    void dailyAnswers() {
        daily.reset();
        dailyCreatesRooms(daily);
        daily.on("GET", "/rooms/.*/presence", request -> Reply.json(200, presence.getOrDefault(
                request.path().replaceAll("^/rooms/([^/]+)/presence$", "$1"), "{\"total_count\":0,\"data\":[]}")));
        daily.on("DELETE", "/rooms/.*", Reply.json(200, "{\"deleted\":true}"));
        presence.clear();
    }

    String dailyMeeting() {
        MeetingCreateReply reply = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE,
                Topology.MEETING_CREATE, new CreateMeeting(UUID.randomUUID().toString(), aRoom("daily"), false, null,
                        Instant.now()), new ParameterizedTypeReference<MeetingCreateReply>() {
                });
        return reply.meetingId();
    }

    String providerRoom(String meetingId) {
        return db.fetchSingle(MEETING, MEETING.ID.eq(meetingId)).getProviderRoomName();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 60 s");
            }
            Thread.sleep(50);
        }
    }

    int openSessions(String meetingId) {
        return db.fetchCount(PARTICIPANT_SESSION, PARTICIPANT_SESSION.MEETING_ID.eq(meetingId)
                .and(PARTICIPANT_SESSION.LEFT_AT.isNull()));
    }

    @Test
    void countsParticipantsFromDailysPresenceWhenAJoinOrLeaveIsReported() throws Exception {
        String meeting = dailyMeeting();
        String room = providerRoom(meeting);
        presence.put(room, """
                {"total_count":2,"data":[
                 {"room":"%s","id":"p-1","userId":"u-1","userName":"Ada","joinTime":"2026-11-26T03:00:00.000Z","duration":5},
                 {"room":"%s","id":"p-2","userId":null,"userName":null,"joinTime":"2026-11-26T03:00:01.000Z","duration":4}]}"""
                .formatted(room, room));

        rabbit.convertAndSend(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.PARTICIPANT_JOINED, new ParticipantJoined(
                "j-" + meeting, Instant.now(), Platform.DAILY, room, null, "p-1", "u-1", "Ada", Instant.now(), null));
        await(() -> db.fetchSingle(MEETING, MEETING.ID.eq(meeting)).getNumClients() == 2);

        assertThat(openSessions(meeting)).isEqualTo(2);
        presence.put(room, "{\"total_count\":1,\"data\":[{\"room\":\"%s\",\"id\":\"p-1\",\"userId\":\"u-1\",\"userName\":\"Ada\"}]}"
                .formatted(room));
        rabbit.convertAndSend(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.PARTICIPANT_LEFT, new ParticipantLeft(
                "l-" + meeting, Instant.now(), Platform.DAILY, room, null, "p-2", null, null, Instant.now(), null));
        await(() -> db.fetchSingle(MEETING, MEETING.ID.eq(meeting)).getNumClients() == 1);
        assertThat(openSessions(meeting)).isEqualTo(1);
    }

    @Test
    void closesAMeetingEmptyForTheGracePeriodAndDeletesItsDailyRoom() throws Exception {
        String meeting = dailyMeeting();
        db.update(MEETING).set(MEETING.LAST_ACTIVITY_AT, Instant.now().minusSeconds(60)).where(MEETING.ID.eq(meeting)).execute();

        await(() -> !db.fetchSingle(MEETING, MEETING.ID.eq(meeting)).getIsActive());

        // the fake sees the DELETE before the service has its answer and records the deletion: wait for both
        await(() -> !daily.requests("DELETE", "/rooms/" + providerRoom(meeting)).isEmpty()
                && db.fetchSingle(MEETING, MEETING.ID.eq(meeting)).getProviderRoomDeletedAt() != null);
        assertThat(daily.requests("DELETE", "/rooms/" + providerRoom(meeting))).hasSize(1);
    }

    @Test
    void keepsAMeetingThatSomeoneIsInOrWasJustHandedOpen() throws Exception {
        String occupied = dailyMeeting();
        String justHanded = dailyMeeting();
        String idle = dailyMeeting();
        // someone is in, as Daily also says (a presence read at any moment finds them), and the meetings go quiet
        presence.put(providerRoom(occupied), "{\"total_count\":1,\"data\":[{\"room\":\"%s\",\"id\":\"still-here\"}]}"
                .formatted(providerRoom(occupied)));
        db.insertInto(PARTICIPANT_SESSION).set(PARTICIPANT_SESSION.MEETING_ID, occupied)
                .set(PARTICIPANT_SESSION.SESSION_ID, "still-here").set(PARTICIPANT_SESSION.JOINED_AT, Instant.now())
                .execute();
        db.update(MEETING).set(MEETING.LAST_ACTIVITY_AT, Instant.now().minusSeconds(60))
                .where(MEETING.ID.in(occupied, idle)).execute();

        await(() -> !db.fetchSingle(MEETING, MEETING.ID.eq(idle)).getIsActive());

        assertThat(db.fetchSingle(MEETING, MEETING.ID.eq(occupied)).getIsActive()).isTrue();
        assertThat(db.fetchSingle(MEETING, MEETING.ID.eq(justHanded)).getIsActive()).isTrue();
    }
}
