package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.MEETING_CONSENT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    @DynamicPropertySource
    static void transcription(DynamicPropertyRegistry registry) {
        registry.add("app.transcription.url", () -> backend.baseUri().toString());
        registry.add("app.transcription.api-key", () -> "gpu-key");
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
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
        assertThat(requests.get(0).body()).contains("name=\"language\"\r\n\r\nen\r\n").contains("name=\"file\"; filename=");
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
        // the audio was prepared once: the failures were in transcription only
        assertThat(json.readTree(transcriptOf(id).getParticipants().data())).hasSize(1);
    }

    @Test
    void aRefusedConsentDeletesTheAudioEverywhereAndKeepsTheText() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        db.insertInto(MEETING_CONSENT).set(MEETING_CONSENT.ID, UUID.randomUUID().toString())
                .set(MEETING_CONSENT.MEETING_ID, meeting).set(MEETING_CONSENT.USER_ID, "someone")
                .set(MEETING_CONSENT.CONSENT_GIVEN, false).set(MEETING_CONSENT.CONSENT_TIMESTAMP, java.time.Instant.now())
                .execute();
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
        db.insertInto(MEETING_CONSENT).set(MEETING_CONSENT.ID, UUID.randomUUID().toString())
                .set(MEETING_CONSENT.MEETING_ID, meeting).set(MEETING_CONSENT.USER_ID, "someone")
                .set(MEETING_CONSENT.CONSENT_GIVEN, true).set(MEETING_CONSENT.CONSENT_TIMESTAMP, java.time.Instant.now())
                .execute();
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
    void reprocessingAFinishedRecordingTranscribesItAgain() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(350, 1));
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> inState(id, "done"));
        int before = backend.requests("POST", "/v1/audio/transcriptions").size();

        reprocess(id);

        await(() -> backend.requests("POST", "/v1/audio/transcriptions").size() == before + 1
                && "ended".equals(transcriptOf(id).getStatus()));
        assertThat(row(id).getState()).isEqualTo("done");
        assertThat(db.fetchCount(app.meetingbridge.db.Tables.TRANSCRIPT,
                app.meetingbridge.db.Tables.TRANSCRIPT.RECORDING_ID.eq(row(id).getId()))).isEqualTo(1);
    }
}
