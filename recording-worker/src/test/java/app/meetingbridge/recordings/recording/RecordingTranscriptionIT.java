package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.ROOM_WEBHOOK_DELIVERY;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.RoomWebhookDeliveryRecord;
import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.recording.ReprocessRequested;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * From {@code recording.ready} to an ended transcript, the transcription backend faked at the HTTP level with
 * the contract of Reflector's GPU service: one request per track, words attributed to the track's speaker at
 * the track's offset; a backend that fails is retried until it answers.
 */
class RecordingTranscriptionIT extends RecordingTestSupport {

    static final FakeHttpServer backend = new FakeHttpServer();
    static final AtomicInteger failuresLeft = new AtomicInteger();
    static final AtomicInteger calls = new AtomicInteger();

    static final FakeHttpServer receiver = new FakeHttpServer();
    /** A diarization service that is configured but switched off: never asked. */
    static final FakeHttpServer diarizer = new FakeHttpServer();
    static final AtomicInteger receiverFailures = new AtomicInteger();

    @DynamicPropertySource
    static void transcription(DynamicPropertyRegistry registry) {
        registry.add("app.transcription.url", () -> backend.baseUri().toString());
        registry.add("app.transcription.api-key", () -> "gpu-key");
        registry.add("app.diarization.enabled", () -> "false");
        registry.add("app.diarization.url", () -> diarizer.baseUri().toString());
        registry.add("app.room-webhooks.first-retry", () -> "200ms");
        registry.add("app.room-webhooks.longest-retry", () -> "400ms");
        registry.add("app.room-webhooks.ui-base-url", () -> "https://app.example/");
        registry.add("app.room-webhooks.timeout", () -> "3s");
        registry.add("app.outbound.allowed-hosts", () -> "127.0.0.1"); // the receiver; nothing else internal
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
        receiver.close();
        diarizer.close();
    }

    @BeforeEach
    void backendAnswers() {
        backend.reset();
        calls.set(0);
        // the first track says "Hello there", the second "Hi", each from the start of its own file
        backend.on("POST", "/v1/audio/transcriptions", request -> {
            if (failuresLeft.getAndDecrement() > 0) {
                return Reply.json(503, "{\"detail\":\"GPU busy\"}");
            }
            return calls.getAndIncrement() % 2 == 0
                    ? Reply.json(200, "{\"text\":\"Hello there\",\"words\":[{\"word\":\" Hello\",\"start\":0.2,\"end\":0.5},"
                    + "{\"word\":\" there\",\"start\":0.6,\"end\":0.9}]}")
                    : Reply.json(200, "{\"text\":\"Hi\",\"words\":[{\"word\":\" Hi\",\"start\":0.1,\"end\":0.4}]}");
        });
    }

    @Test
    void transcribesEachTrackAndGivesItsWordsToItsSpeakerAtItsOffset() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        long start = 1732600005500L;
        List<String> keys = List.of("acme/room/" + start + "-" + ada + "-cam-audio-" + start,
                "acme/room/" + start + "-" + bob + "-cam-audio-" + (start + 1500));
        put(keys.get(0), tone(440, 2));
        put(keys.get(1), tone(660, 1));

        announce(id, meeting, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, keys);

        await(() -> inState(id, "done"));
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getStatus()).isEqualTo("ended");
        JsonNode topics = json.readTree(transcript.getTopics().data());
        assertThat(topics).hasSize(1);
        assertThat(topics.get(0).get("transcript").stringValue()).isEqualTo("Hello there Hi");
        assertThat(topics.get(0).get("duration").doubleValue()).isBetween(2.4, 2.7);
        JsonNode words = topics.get(0).get("words");
        assertThat(words).hasSize(3);
        assertThat(words.get(0).get("text").stringValue()).isEqualTo("Hello");
        assertThat(words.get(0).get("speaker").intValue()).isZero();
        assertThat(words.get(0).get("start").doubleValue()).isEqualTo(0.2);
        assertThat(words.get(2).get("text").stringValue()).isEqualTo("Hi");
        assertThat(words.get(2).get("speaker").intValue()).isEqualTo(1);
        assertThat(words.get(2).get("start").doubleValue()).isEqualTo(1.6);
        assertThat(words.get(2).get("end").doubleValue()).isEqualTo(1.9);
        List<Recorded> requests = backend.requests("POST", "/v1/audio/transcriptions");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer gpu-key");
        assertThat(requests.get(0).header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(requests.get(0).body()).contains("name=\"language\"\r\n\r\nen\r\n").contains("name=\"file\"; filename=")
                .contains("name=\"model\"\r\n\r\nwhisper-1\r\n")
                .contains("name=\"response_format\"\r\n\r\nverbose_json\r\n")
                .contains("name=\"timestamp_granularities[]\"\r\n\r\nword\r\n")
                .contains("name=\"timestamp_granularities[]\"\r\n\r\nsegment\r\n");
    }

    @Test
    void aBackendThatFailsIsRetriedAndTheTranscriptEndsOnceItAnswers() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(300, 1));
        failuresLeft.set(2);

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> inState(id, "done"));
        assertThat(transcriptOf(id).getStatus()).isEqualTo("ended");
        assertThat(row(id).getAttempts()).isEqualTo(2);
        assertThat(row(id).getLastError()).isNull();
        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).hasSize(3);
        // a single track, but diarization is switched off: every word is the one speaker's, nothing was sent
        assertThat(json.readTree(transcriptOf(id).getTopics().data()).get(0).get("words"))
                .allSatisfy(word -> assertThat(word.get("speaker").intValue()).isZero());
        assertThat(diarizer.requests()).isEmpty();
        // the audio was prepared once: the failures were in transcription only
        assertThat(json.readTree(transcriptOf(id).getParticipants().data())).hasSize(1);
    }

    @Test
    void aRefusedConsentDeletesTheAudioEverywhereAndKeepsTheText() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        consent(meeting, false);
        String key = "acme/room/" + id;
        put(key, tone(300, 1));

        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> inState(id, "done") && Boolean.TRUE.equals(transcriptOf(id).getAudioDeleted()));
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getStatus()).isEqualTo("ended");
        assertThat(json.readTree(transcript.getTopics().data()).get(0).get("transcript").stringValue()).isNotBlank();
        assertThat(s3.listObjectsV2(request -> request.bucket(DAILY_BUCKET).prefix(key)).contents()).isEmpty();
        assertThat(s3.listObjectsV2(request -> request.bucket(TRANSCRIPTS).prefix("recordings/" + row(id).getId()))
                .contents()).isEmpty();
        assertThat(s3.listObjectsV2(request -> request.bucket(TRANSCRIPTS).prefix(transcript.getId())).contents())
                .isEmpty();
    }

    @Test
    void consentGivenKeepsTheAudio() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        consent(meeting, true);
        String key = "acme/room/" + id;
        put(key, tone(300, 1));

        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> inState(id, "done"));
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getAudioDeleted()).isFalse();
        assertThat(s3.listObjectsV2(request -> request.bucket(TRANSCRIPTS).prefix(transcript.getId() + "/audio.mp3"))
                .contents()).hasSize(1);
        assertThat(s3.listObjectsV2(request -> request.bucket(DAILY_BUCKET).prefix(key)).contents()).hasSize(1);
    }

    @Test
    void aRefusalAfterTheTranscriptEndedDeletesTheAudioAtOnce() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        consent(meeting, true);
        String key = "acme/room/" + id;
        put(key, tone(320, 1));
        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> inState(id, "done"));
        String transcriptId = transcriptOf(id).getId();
        assertThat(keys(TRANSCRIPTS, transcriptId + "/")).containsExactlyInAnyOrder(transcriptId + "/audio.mp3",
                transcriptId + "/audio.json");

        refuseConsentNow(meeting);

        await(() -> keys(TRANSCRIPTS, transcriptId + "/").isEmpty());
        await(() -> Boolean.TRUE.equals(transcriptOf(id).getAudioDeleted()));
        assertThat(keys(TRANSCRIPTS, "recordings/" + row(id).getId() + "/")).isEmpty();
        assertThat(keys(DAILY_BUCKET, key)).isEmpty();
        assertThat(transcriptOf(id).getStatus()).isEqualTo("ended");
        assertThat(json.readTree(transcriptOf(id).getTopics().data()).get(0).get("transcript").stringValue())
                .isNotBlank();
    }

    @Test
    void aRecordingWhoseTranscriptionIsGivenUpOnKeepsNoAudioSomeoneRefused() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        consent(meeting, false);
        String key = "acme/room/" + id;
        put(key, tone(330, 1));
        failuresLeft.set(3); // every attempt (three here) fails
        try {
            announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

            await(() -> transcriptOf(id) != null && Boolean.TRUE.equals(transcriptOf(id).getAudioDeleted()));
        } finally {
            failuresLeft.set(0);
        }
        assertThat(row(id).getState()).isEqualTo("failed");
        assertThat(row(id).getNextRetryAt()).isNull();
        assertThat(row(id).getLastError()).startsWith("TRANSCRIPTION");
        assertThat(keys(TRANSCRIPTS, transcriptOf(id).getId() + "/")).isEmpty();
        assertThat(keys(TRANSCRIPTS, "recordings/" + row(id).getId() + "/")).isEmpty();
        assertThat(keys(DAILY_BUCKET, key)).isEmpty();
    }

    @Test
    void reprocessingAFinishedRecordingTranscribesItAgain() throws Exception {
        String id = aFinishedRecording(350);
        int before = backend.requests("POST", "/v1/audio/transcriptions").size();

        reprocess(id);

        await(() -> backend.requests("POST", "/v1/audio/transcriptions").size() == before + 1
                && "ended".equals(transcriptOf(id).getStatus()));
        assertThat(row(id).getState()).isEqualTo("done");
        assertThat(db.fetchCount(app.meetingbridge.db.Tables.TRANSCRIPT,
                app.meetingbridge.db.Tables.TRANSCRIPT.RECORDING_ID.eq(row(id).getId()))).isEqualTo(1);
    }

    @Test
    void aRepeatedReprocessRequestIsCarriedOutOnce() throws Exception {
        String id = aFinishedRecording(360);
        String sentinel = aFinishedRecording(365);
        int before = backend.requests("POST", "/v1/audio/transcriptions").size();
        String transcriptId = transcriptOf(id).getId();
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "processing").where(TRANSCRIPT.ID.eq(transcriptId)).execute();
        Message request = reprocessRequest(transcriptId, row(id).getId());

        rabbit.send(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_REPROCESS, request);
        await(() -> "ended".equals(transcriptOf(id).getStatus()));
        rabbit.send(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_REPROCESS, request);
        // the recordings queue has one consumer, which takes it in order: once a reprocess sent after the repeated
        // request is carried out, the repeated one has been dealt with
        reprocess(sentinel);
        await(() -> "ended".equals(transcriptOf(sentinel).getStatus()));

        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).hasSize(before + 2); // ours and the sentinel's
        assertThat(transcriptOf(id).getStatus()).isEqualTo("ended");
    }

    @Test
    void aReprocessOfATranscriptWhoseRecordingIsGoneLeavesItInErrorNotClaimedForGood() throws Exception {
        String id = aFinishedRecording(370);
        String transcriptId = transcriptOf(id).getId();
        String recordingId = row(id).getId();
        db.deleteFrom(RECORDING).where(RECORDING.ID.eq(recordingId)).execute();
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "processing").where(TRANSCRIPT.ID.eq(transcriptId)).execute();

        rabbit.send(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_REPROCESS, reprocessRequest(transcriptId, recordingId));

        await(() -> "error".equals(db.fetchValue(TRANSCRIPT.STATUS, TRANSCRIPT.ID.eq(transcriptId))));
    }

    Message reprocessRequest(String transcriptId, String recordingId) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        return new Message(json.writeValueAsBytes(new ReprocessRequested("reprocess-" + UUID.randomUUID(),
                Instant.now(), transcriptId, recordingId)), properties);
    }

    @Test
    void aRepeatedTranscriptCompletedIsNotSentAgainOnceTheReceiverAnswered() throws Exception {
        String path = "/once-" + UUID.randomUUID();
        receiver.on("POST", path, Reply.json(200, "{\"ok\":true}"));
        String id = announcedWithWebhook(path, 310);
        await(() -> receiver.requests("POST", path).size() == 1);
        String eventId = json.readTree(receiver.requests("POST", path).get(0).body()).get("event_id").stringValue();
        TranscriptRecord transcript = transcriptOf(id);

        completed(new TranscriptCompleted(eventId, Instant.now(), transcript.getId(), transcript.getRoomId(), 1));
        String sentinel = awaitWebhooksHandled(transcript.getId(), transcript.getRoomId(), path);

        assertThat(eventIdsSentTo(path)).containsExactly(eventId, sentinel);
    }

    @Test
    void aReceiverThatRedirectsIsAskedAgainLikeAnyOtherAnswerThatIsNotFinal() throws Exception {
        String path = "/moved-" + UUID.randomUUID();
        AtomicInteger asked = new AtomicInteger();
        receiver.on("POST", path, request -> asked.getAndIncrement() == 0
                ? Reply.json(307, "{\"moved\":true}") : Reply.json(200, "{\"ok\":true}"));

        announcedWithWebhook(path, 315);

        await(() -> receiver.requests("POST", path).size() == 2);
        String eventId = json.readTree(receiver.requests("POST", path).get(0).body()).get("event_id").stringValue();
        await(() -> db.fetchCount(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(eventId)) == 2);
        assertThat(db.selectFrom(ROOM_WEBHOOK_DELIVERY).where(ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(eventId))
                .orderBy(ROOM_WEBHOOK_DELIVERY.ATTEMPT).fetch(ROOM_WEBHOOK_DELIVERY.STATUS_CODE)).containsExactly(307, 200);
    }

    @Test
    void tellsTheTranscriptsOwnRoomWhateverRoomTheMessageNames() throws Exception {
        String ownPath = "/own-" + UUID.randomUUID();
        String otherPath = "/other-" + UUID.randomUUID();
        receiver.on("POST", ownPath, Reply.json(200, "{}"));
        receiver.on("POST", otherPath, Reply.json(200, "{}"));
        String id = announcedWithWebhook(ownPath, 320);
        await(() -> receiver.requests("POST", ownPath).size() == 1);
        String otherRoom = db.select(MEETING.ROOM_ID).from(MEETING).where(MEETING.ID.eq(meetingWithWebhook(otherPath)))
                .fetchSingle(MEETING.ROOM_ID);

        completed(new TranscriptCompleted("forged-" + UUID.randomUUID().toString().substring(0, 8), Instant.now(),
                transcriptOf(id).getId(), otherRoom, 1));

        await(() -> receiver.requests("POST", ownPath).size() == 2);
        assertThat(receiver.requests("POST", otherPath)).isEmpty();
    }

    @Test
    void aReceiverThatAnswersWithoutEndIsRecordedAsAnsweredFromTheStartOfItsAnswer() throws Exception {
        HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endless.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, never finished
            byte[] chunk = "x".repeat(64 * 1024).getBytes();
            try (var body = exchange.getResponseBody()) {
                for (long sent = 0; sent < 2L * 1024 * 1024 * 1024; sent += chunk.length) {
                    body.write(chunk);
                }
            } catch (java.io.IOException gone) {
                // the worker read what it wanted and let go
            }
        });
        endless.start();
        try {
            var delivery = firstDeliveryTo(URI.create("http://127.0.0.1:" + endless.getAddress().getPort() + "/hook"),
                    330);
            assertThat(delivery.getStatusCode()).isEqualTo(200);
            assertThat(delivery.getError()).isNull();
            assertThat(delivery.getResponsePreview()).hasSize(500).matches("x+");
        } finally {
            endless.stop(0);
        }
    }

    @Test
    void aReceiverThatTricklesItsAnswerHoldsTheSenderNoLongerThanItsTimeoutAndItsStatusCounts() throws Exception {
        HttpServer trickling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trickling.createContext("/", exchange -> {
            exchange.sendResponseHeaders(202, 0);
            try (var body = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) { // a byte every 100 ms: two minutes for the whole answer
                    body.write('t');
                    body.flush();
                    Thread.sleep(100);
                }
            } catch (java.io.IOException | InterruptedException gone) {
                // the worker stopped listening
            }
        });
        trickling.start();
        try {
            var delivery = firstDeliveryTo(URI.create("http://127.0.0.1:" + trickling.getAddress().getPort() + "/hook"),
                    340);
            assertThat(delivery.getStatusCode()).isEqualTo(202);
            assertThat(delivery.getResponsePreview()).matches("t+").hasSizeLessThan(100);
        } finally {
            trickling.stop(0);
        }
    }

    /** A recording of a meeting whose room's webhook is the receiver's {@code path}, announced: its provider id. */
    String announcedWithWebhook(String path, int frequency) throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(frequency, 1));
        announce(id, meetingWithWebhook(path), RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        return id;
    }

    /** A recording of a meeting whose room's webhook is {@code url}, processed: the first delivery attempt to it. */
    RoomWebhookDeliveryRecord firstDeliveryTo(URI url, int frequency) throws Exception {
        String meeting = aMeeting();
        db.update(ROOM).set(ROOM.WEBHOOK_URL, url.toString())
                .where(ROOM.ID.eq(db.select(MEETING.ROOM_ID).from(MEETING).where(MEETING.ID.eq(meeting)))).execute();
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(frequency, 1));

        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> transcriptOf(id) != null && db.fetchExists(ROOM_WEBHOOK_DELIVERY,
                ROOM_WEBHOOK_DELIVERY.ROOM_ID.eq(transcriptOf(id).getRoomId())));
        return db.fetchOne(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.ROOM_ID.eq(transcriptOf(id).getRoomId()));
    }

    /**
     * Waits, instead of a pause, until the room-webhooks consumer has dealt with every message sent before: its queue
     * has one consumer, which takes it in order, so once a {@code transcript.completed} of its own (a new event of the
     * transcript, sent now) reaches the receiver at {@code path}, those before it have been handled; and no retry of
     * theirs waits in a delay queue ({@code room-webhooks.delay.{millis}}, 200 and 400 ms here). Returns the
     * sentinel's event id.
     */
    String awaitWebhooksHandled(String transcriptId, String roomId, String path) throws InterruptedException {
        String sentinel = "sentinel-" + UUID.randomUUID();
        completed(new TranscriptCompleted(sentinel, Instant.now(), transcriptId, roomId, 1));
        await(() -> eventIdsSentTo(path).contains(sentinel));
        await(() -> waitingRetries("room-webhooks.delay.200") + waitingRetries("room-webhooks.delay.400") == 0);
        return sentinel;
    }

    long waitingRetries(String delayQueue) {
        var queue = admin.getQueueInfo(delayQueue);
        return queue == null ? 0 : queue.getMessageCount();
    }

    /** The event ids of what the receiver was sent at {@code path}, in order. */
    List<String> eventIdsSentTo(String path) {
        return receiver.requests("POST", path).stream()
                .map(request -> json.readTree(request.body()).get("event_id").stringValue()).toList();
    }

    void completed(TranscriptCompleted event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(Topology.RECORDINGS_EXCHANGE, Topology.TRANSCRIPT_COMPLETED,
                new Message(json.writeValueAsBytes(event), properties));
    }

    /** A cloud recording announced without a meeting and taken all the way through: its provider id. */
    String aFinishedRecording(int frequency) throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(frequency, 1));
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> inState(id, "done"));
        return id;
    }

    String meetingWithWebhook(String path) {
        String meeting = aMeeting();
        db.update(ROOM).set(ROOM.WEBHOOK_URL, receiver.baseUri() + path).set(ROOM.WEBHOOK_SECRET, "room-secret")
                .where(ROOM.ID.eq(db.select(MEETING.ROOM_ID).from(MEETING).where(MEETING.ID.eq(meeting))))
                .execute();
        return meeting;
    }

    static String hexHmac(String secret, String message) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void tellsTheRoomsWebhookSignedRetryingAFailingReceiverWithTheSameEventId() throws Exception {
        String path = "/hook-" + UUID.randomUUID();
        receiverFailures.set(2);
        receiver.on("POST", path, request -> receiverFailures.getAndDecrement() > 0
                ? Reply.json(503, "{\"busy\":true}") : Reply.json(200, "{\"ok\":true}"));
        String id = "rec-" + UUID.randomUUID();
        String meeting = meetingWithWebhook(path);
        String key = "acme/room/" + id;
        put(key, tone(300, 1));

        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> receiver.requests("POST", path).size() == 3);
        List<Recorded> sent = receiver.requests("POST", path);
        TranscriptRecord transcript = transcriptOf(id);
        JsonNode first = json.readTree(sent.get(0).body());
        JsonNode last = json.readTree(sent.get(2).body());
        assertThat(first.get("event").stringValue()).isEqualTo("transcript.completed");
        assertThat(last.get("event_id").stringValue()).isEqualTo(first.get("event_id").stringValue());
        assertThat(last.get("transcript").get("id").stringValue()).isEqualTo(transcript.getId());
        assertThat(last.get("transcript").get("status").stringValue()).isEqualTo("ended");
        assertThat(last.get("transcript").get("frontend_url").stringValue())
                .isEqualTo("https://app.example/transcripts/" + transcript.getId());
        assertThat(last.get("transcript").get("webvtt").stringValue()).startsWith("WEBVTT\n").contains("<v Speaker 0>Hello there");
        assertThat(last.get("transcript").get("participants")).hasSize(1);
        assertThat(last.get("room").get("id").stringValue()).isEqualTo(transcript.getRoomId());
        assertThat(sent.get(0).header("X-Webhook-Retry")).isEqualTo("0");
        assertThat(sent.get(2).header("X-Webhook-Retry")).isEqualTo("2");
        assertThat(sent.get(2).header("X-Webhook-Event")).isEqualTo("transcript.completed");
        String[] signature = sent.get(2).header("X-Webhook-Signature").split(",");
        assertThat(signature[1]).isEqualTo("v1=" + hexHmac("room-secret",
                signature[0].substring("t=".length()) + "." + sent.get(2).body()));
        await(() -> db.fetchCount(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(first.get("event_id").stringValue())) == 3);
        var attempts = db.selectFrom(ROOM_WEBHOOK_DELIVERY)
                .where(ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(first.get("event_id").stringValue()))
                .orderBy(ROOM_WEBHOOK_DELIVERY.ATTEMPT).fetch();
        assertThat(attempts).extracting(row -> row.getStatusCode()).containsExactly(503, 503, 200);
        String sentinel = awaitWebhooksHandled(transcript.getId(), transcript.getRoomId(), path);
        String eventId = first.get("event_id").stringValue();
        assertThat(eventIdsSentTo(path)).containsExactly(eventId, eventId, eventId, sentinel);
    }

    @Test
    void aReceiverThatRefusesIsNotAskedAgain() throws Exception {
        String path = "/refuse-" + UUID.randomUUID();
        receiver.on("POST", path, Reply.json(410, "{\"gone\":true}"));

        String id = announcedWithWebhook(path, 300);

        await(() -> receiver.requests("POST", path).size() == 1);
        String eventId = eventIdsSentTo(path).get(0);
        await(() -> db.fetchExists(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(eventId)
                .and(ROOM_WEBHOOK_DELIVERY.STATUS_CODE.eq(410))));
        String sentinel = awaitWebhooksHandled(transcriptOf(id).getId(), transcriptOf(id).getRoomId(), path);
        assertThat(eventIdsSentTo(path)).containsExactly(eventId, sentinel);
    }

    @Test
    void aDeliveryToAnInternalAddressIsRecordedAsRefusedAndNotRetried() throws Exception {
        String path = "/guarded-" + UUID.randomUUID();
        receiver.on("POST", path, Reply.json(200, "{\"ok\":true}"));
        String id = announcedWithWebhook(path, 350);
        await(() -> receiver.requests("POST", path).size() == 1);
        String delivered = eventIdsSentTo(path).get(0);
        TranscriptRecord transcript = transcriptOf(id);
        int port = receiver.baseUri().getPort();
        List<String> refusedEvents = new ArrayList<>();
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:" + port + path,
                "http://[::1]:" + port + path, "http://[::ffff:10.0.0.1]/hook", "http://2130706433:" + port + path,
                "http://0177.0.0.1:" + port + path, "ftp://127.0.0.1/hook")) {
            db.update(ROOM).set(ROOM.WEBHOOK_URL, url).where(ROOM.ID.eq(transcript.getRoomId())).execute();
            String eventId = "internal-" + UUID.randomUUID();
            refusedEvents.add(eventId);

            completed(new TranscriptCompleted(eventId, Instant.now(), transcript.getId(), transcript.getRoomId(), 1));

            await(() -> db.fetchExists(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(eventId)));
            RoomWebhookDeliveryRecord attempt = db.fetchOne(ROOM_WEBHOOK_DELIVERY,
                    ROOM_WEBHOOK_DELIVERY.EVENT_ID.eq(eventId));
            assertThat(attempt.getStatusCode()).as(url).isNull();
            assertThat(attempt.getError()).as(url).startsWith("webhook URL is not allowed (")
                    .doesNotContain("127.0", "169.254", "10.0", "::1");
        }
        db.update(ROOM).set(ROOM.WEBHOOK_URL, receiver.baseUri() + path).where(ROOM.ID.eq(transcript.getRoomId()))
                .execute();

        // a retry of a refused event would now reach the receiver: none does
        String sentinel = awaitWebhooksHandled(transcript.getId(), transcript.getRoomId(), path);

        assertThat(eventIdsSentTo(path)).containsExactly(delivered, sentinel);
        assertThat(db.fetchCount(ROOM_WEBHOOK_DELIVERY, ROOM_WEBHOOK_DELIVERY.EVENT_ID.in(refusedEvents)))
                .isEqualTo(refusedEvents.size());
    }
}
