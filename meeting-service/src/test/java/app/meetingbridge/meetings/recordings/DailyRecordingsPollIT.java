package app.meetingbridge.meetings.recordings;

import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.db.Tables.RECORDING_POLL_STATE;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.meetings.RecordingReadyObserver;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The Daily recordings poller against a fake Daily's {@code GET /recordings} (newest first, cursor pages, no
 * {@code type}, {@code s3key} spelled so): finished recordings announced once even when the webhook brought them
 * too, unfinished ones left for the next pass, the high-water mark never past an unfinished one, and a backlog
 * longer than a pass's page cap ({@value #MAX_PAGES} pages here) read on by the next passes from where each stopped.
 */
@TestPropertySource(properties = {"app.lifecycle.recordings-poll-interval=1h",
        "app.lifecycle.recordings-poll-initial-delay=1h", "app.lifecycle.recordings-poll-max-pages=" + DailyRecordingsPollIT.MAX_PAGES})
class DailyRecordingsPollIT extends MeetingServiceTestSupport {

    static final int MAX_PAGES = 2;
    static final FakeHttpServer daily = new FakeHttpServer();

    @Autowired
    RecordingsPoller poller;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    RecordingReadyObserver observer;

    @DynamicPropertySource
    static void dailySettings(DynamicPropertyRegistry registry) {
        dailyAt(daily, registry);
    }

    @AfterAll
    static void stopDaily() {
        daily.close();
    }

    @BeforeEach
    void observeAnnouncements() {
        daily.reset();
        observer = new RecordingReadyObserver(admin, rabbit);
        db.deleteFrom(RECORDING_POLL_STATE).execute();
    }

    @AfterEach
    void stopObserving() {
        observer.close();
    }

    @Test
    void announcesFinishedRecordingsOnceWhateverAlsoBroughtThemAndWaitsForUnfinishedOnes() throws Exception {
        long now = Instant.now().getEpochSecond();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String page1 = "{\"total_count\":3,\"data\":["
                + "{\"id\":\"rec-3-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 600) + ",\"status\":\"in-progress\","
                + "\"tracks\":[],\"mtgSessionId\":\"m3\"},"
                + "{\"id\":\"rec-2-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 1200) + ",\"status\":\"finished\","
                + "\"duration\":300,\"mtgSessionId\":\"m2\",\"tracks\":["
                + "{\"type\":\"audio\",\"s3Key\":\"acme/r/1-p1-cam-audio-1\",\"size\":10},"
                + "{\"type\":\"video\",\"s3Key\":\"acme/r/1-p1-cam-video-1\",\"size\":90}]},"
                + "{\"id\":\"rec-1-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 1800) + ",\"status\":\"finished\","
                + "\"duration\":600,\"s3key\":\"acme/r/" + (now - 1800) + "000\",\"mtgSessionId\":\"m1\"}]}";
        daily.on("GET", "/recordings", request -> request.query() != null && request.query().contains("starting_after")
                ? Reply.json(200, "{\"total_count\":3,\"data\":[]}") : Reply.json(200, page1));
        // the webhook brought rec-1 already
        rabbit.convertAndSend(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.RECORDING_FINISHED, new RecordingFinished(
                "wh-1", Instant.now(), Platform.DAILY, "r", "rec-1-" + tag, RecordingReady.Kind.CLOUD,
                Instant.ofEpochSecond(now - 1800), 600, "acme/r/" + (now - 1800) + "000", List.of()));
        Awaitility.await().atMost(RecordingReadyObserver.PATIENCE).pollInterval(Duration.ofMillis(50)).until(() ->
                db.fetchExists(OUTBOX, OUTBOX.EVENT_ID.eq("recording-ready:daily:rec-1-" + tag)));

        int found = poller.pollOnce();
        List<RecordingReady> seen = observer.remaining();

        assertThat(found).isEqualTo(2);
        assertThat(seen).extracting(RecordingReady::providerRecordingId)
                .containsExactlyInAnyOrder("rec-1-" + tag, "rec-2-" + tag);
        RecordingReady raw = seen.stream().filter(ready -> ready.providerRecordingId().startsWith("rec-2")).findFirst()
                .orElseThrow();
        assertThat(raw.kind()).isEqualTo(RecordingReady.Kind.RAW_TRACKS);
        assertThat(raw.objectKeys()).containsExactly("acme/r/1-p1-cam-audio-1");
        assertThat(raw.bucket()).isEqualTo("daily-recordings");
        assertThat(db.fetchSingle(RECORDING_POLL_STATE).getHighWaterMark()).isEqualTo(Instant.ofEpochSecond(now - 1200));

        assertThat(poller.pollOnce()).isEqualTo(2);
        assertThat(observer.remaining()).isEmpty();
    }

    @Test
    void aCanceledRecordingIsSkippedAndDoesNotHoldTheHighWaterMarkBack() {
        long now = Instant.now().getEpochSecond();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String finished = "{\"id\":\"rec-f-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 1200)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/f\"}";
        String canceled = "{\"id\":\"rec-c-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 1800)
                + ",\"status\":\"canceled\",\"tracks\":[]}";
        daily.on("GET", "/recordings", Reply.json(200, "{\"total_count\":2,\"data\":[" + finished + "," + canceled + "]}"));

        assertThat(poller.pollOnce()).isEqualTo(1);
        assertThat(observer.remaining()).extracting(RecordingReady::providerRecordingId).containsExactly("rec-f-" + tag);
        assertThat(db.fetchSingle(RECORDING_POLL_STATE).getHighWaterMark()).isEqualTo(Instant.ofEpochSecond(now - 1200));
    }

    @Test
    void theFirstPassLooksBackADayNotOverTheDomainsWholeHistory() {
        long now = Instant.now().getEpochSecond();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String recent = "{\"id\":\"rec-r-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 60)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/recent\"}";
        String lastWeek = "{\"id\":\"rec-w-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 7 * 86_400)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/last-week\"}";
        daily.on("GET", "/recordings", Reply.json(200, "{\"total_count\":2,\"data\":[" + recent + "," + lastWeek + "]}"));

        assertThat(poller.pollOnce()).isEqualTo(1);
        assertThat(observer.remaining()).extracting(RecordingReady::providerRecordingId).containsExactly("rec-r-" + tag);
    }

    @Test
    void aPassStopsAtTheHighWaterMarkLessTheOverlap() {
        long now = Instant.now().getEpochSecond();
        String recent = "{\"id\":\"rec-new\",\"room_name\":\"r\",\"start_ts\":" + (now - 60)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/new\"}";
        String ancient = "{\"id\":\"rec-old\",\"room_name\":\"r\",\"start_ts\":" + (now - 86_400)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/old\"}";
        daily.on("GET", "/recordings", Reply.json(200, "{\"total_count\":2,\"data\":[" + recent + "," + ancient + "]}"));
        db.insertInto(RECORDING_POLL_STATE).set(RECORDING_POLL_STATE.PROVIDER, "daily")
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, Instant.ofEpochSecond(now - 600))
                .set(RECORDING_POLL_STATE.POLLED_AT, Instant.now()).execute();

        assertThat(poller.pollOnce()).isEqualTo(1);
        assertThat(daily.requests("GET", "/recordings")).hasSize(1);
    }

    @Test
    void aRecordingTheDatabaseRefusesIsSkippedAndTheRestOfThePassIsAnnouncedAndTheMarkMoves() {
        long now = Instant.now().getEpochSecond();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String newer = "{\"id\":\"rec-a-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 60)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/a\"}";
        String overLong = "{\"id\":\"" + "x".repeat(290) + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 120)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/x\"}";
        String older = "{\"id\":\"rec-b-" + tag + "\",\"room_name\":\"r\",\"start_ts\":" + (now - 180)
                + ",\"status\":\"finished\",\"duration\":30,\"s3key\":\"acme/r/b\"}";
        daily.on("GET", "/recordings", Reply.json(200,
                "{\"total_count\":3,\"data\":[" + newer + "," + overLong + "," + older + "]}"));

        poller.poll(); // as scheduled: inside the job lock's transaction

        assertThat(observer.remaining()).extracting(RecordingReady::providerRecordingId)
                .containsExactlyInAnyOrder("rec-a-" + tag, "rec-b-" + tag);
        assertThat(db.fetchSingle(RECORDING_POLL_STATE).getHighWaterMark()).isEqualTo(Instant.ofEpochSecond(now - 60));
    }

    @Test
    void aListThatIsNotJsonLeavesTheMarkWhereItWasAndAnnouncesNothing() {
        Instant mark = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        db.insertInto(RECORDING_POLL_STATE).set(RECORDING_POLL_STATE.PROVIDER, "daily")
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, mark).set(RECORDING_POLL_STATE.POLLED_AT, Instant.now())
                .execute();
        daily.on("GET", "/recordings", Reply.json(200, "{\"total_count\":1,\"data\":[{\"id\":"));

        poller.poll();

        assertThat(daily.requests("GET", "/recordings")).isNotEmpty();
        assertThat(db.fetchSingle(RECORDING_POLL_STATE).getHighWaterMark()).isEqualTo(mark);
        assertThat(observer.remaining()).isEmpty();
    }

    /** Daily's list as {@code GET /recordings} pages it: newest first, 100 a page, after the {@code starting_after} id. */
    static Reply pageOf(List<String> newestFirst, List<String> ids, FakeHttpServer.Recorded request) {
        String query = request.query() == null ? "" : request.query();
        int from = 0;
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("starting_after=")) {
                from = ids.indexOf(parameter.substring("starting_after=".length())) + 1;
            }
        }
        List<String> page = newestFirst.subList(Math.min(from, newestFirst.size()), Math.min(from + 100, newestFirst.size()));
        return Reply.json(200, "{\"total_count\":" + newestFirst.size() + ",\"data\":[" + String.join(",", page) + "]}");
    }

    static String recording(String id, long startTs, String status) {
        return "{\"id\":\"" + id + "\",\"room_name\":\"r\",\"start_ts\":" + startTs + ",\"status\":\"" + status + "\""
                + ("finished".equals(status) ? ",\"duration\":30,\"s3key\":\"acme/r/" + id + "\"}" : ",\"tracks\":[]}");
    }

    @Test
    void aBacklogLongerThanThePageCapIsReadOnFromWhereEachPassStoppedAndTheMarkWaitsForIt() {
        long now = Instant.now().getEpochSecond();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // five full pages of recordings a minute apart since the mark (ten hours ago), then one from before it
        java.util.List<String> ids = new java.util.ArrayList<>();
        java.util.List<String> newestFirst = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String id = "rec-" + i + "-" + tag;
            String status = switch (i) {
                case 10, 250, 450 -> "finished";
                case 320 -> "in-progress";
                default -> "canceled";
            };
            ids.add(id);
            newestFirst.add(recording(id, now - 60 - 60L * i, status));
        }
        ids.add("rec-ancient-" + tag);
        newestFirst.add(recording("rec-ancient-" + tag, now - 2 * 86_400, "finished"));
        daily.on("GET", "/recordings", request -> pageOf(newestFirst, ids, request));
        Instant mark = Instant.ofEpochSecond(now - 10 * 3600);
        db.insertInto(RECORDING_POLL_STATE).set(RECORDING_POLL_STATE.PROVIDER, "daily")
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, mark).set(RECORDING_POLL_STATE.POLLED_AT, Instant.now()).execute();

        assertThat(poller.pollOnce()).isEqualTo(1);
        var afterFirst = db.fetchSingle(RECORDING_POLL_STATE);
        assertThat(afterFirst.getHighWaterMark()).isEqualTo(mark);
        assertThat(afterFirst.getResumeCursor()).isEqualTo(ids.get(199));

        assertThat(poller.pollOnce()).isEqualTo(1);
        assertThat(db.fetchSingle(RECORDING_POLL_STATE).getHighWaterMark()).isEqualTo(mark);
        assertThat(db.fetchSingle(RECORDING_POLL_STATE).getResumeCursor()).isEqualTo(ids.get(399));

        assertThat(poller.pollOnce()).isEqualTo(1);
        var afterThird = db.fetchSingle(RECORDING_POLL_STATE);
        assertThat(afterThird.getResumeCursor()).isNull();
        // the newest announced is rec-10, but the in-progress rec-320 (seen by the second pass) holds the mark back
        assertThat(afterThird.getHighWaterMark()).isEqualTo(Instant.ofEpochSecond(now - 60 - 60L * 320));

        assertThat(daily.requests("GET", "/recordings")).extracting(FakeHttpServer.Recorded::query)
                .map(query -> query.contains("starting_after=") ? query.substring(query.indexOf("starting_after=") + 15)
                        .split("&")[0] : "")
                .containsExactly("", ids.get(99), ids.get(199), ids.get(299), ids.get(399), ids.get(499));
        assertThat(observer.remaining()).extracting(RecordingReady::providerRecordingId)
                .containsExactlyInAnyOrder("rec-10-" + tag, "rec-250-" + tag, "rec-450-" + tag);
    }

    @Test
    void aStoredCursorDailyRefusesStartsThePassAgainFromTheNewest() {
        long now = Instant.now().getEpochSecond();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant mark = Instant.ofEpochSecond(now - 600);
        db.insertInto(RECORDING_POLL_STATE).set(RECORDING_POLL_STATE.PROVIDER, "daily")
                .set(RECORDING_POLL_STATE.HIGH_WATER_MARK, mark).set(RECORDING_POLL_STATE.POLLED_AT, Instant.now())
                .set(RECORDING_POLL_STATE.RESUME_CURSOR, "rec-deleted").set(RECORDING_POLL_STATE.RESUME_NEWEST_ANNOUNCED, mark)
                .execute();
        daily.on("GET", "/recordings", request -> request.query() != null && request.query().contains("rec-deleted")
                ? Reply.json(404, "{\"error\":\"not-found\"}")
                : Reply.json(200, "{\"total_count\":1,\"data\":[" + recording("rec-n-" + tag, now - 60, "finished") + "]}"));

        assertThat(poller.pollOnce()).isEqualTo(1);

        assertThat(observer.remaining()).extracting(RecordingReady::providerRecordingId).containsExactly("rec-n-" + tag);
        var stored = db.fetchSingle(RECORDING_POLL_STATE);
        assertThat(stored.getResumeCursor()).isNull();
        assertThat(stored.getHighWaterMark()).isEqualTo(Instant.ofEpochSecond(now - 60));
    }
}
