package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Single-track recordings diarized through the real pipeline: the transcription backend and the diarization service
 * faked at the HTTP level with Reflector's contracts, the diarizer reading the mixed audio from the real S3 API
 * through the signed link it is given, as the service does.
 */
class RecordingDiarizationIT extends RecordingTestSupport {

    static final FakeHttpServer backend = new FakeHttpServer();
    static final FakeHttpServer diarizer = new FakeHttpServer();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** What the fake diarizer downloaded through each link it was given. */
    static final List<byte[]> downloaded = new CopyOnWriteArrayList<>();
    static final String TWO_SPEAKERS = """
            {"diarization": [{"start": 0.0, "end": 1.2, "speaker": "SPEAKER_01"},
                             {"start": 1.3, "end": 3.0, "speaker": "SPEAKER_00"}]}
            """;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("app.transcription.url", () -> backend.baseUri().toString());
        registry.add("app.diarization.url", () -> diarizer.baseUri().toString());
        registry.add("app.diarization.api-key", () -> "modal-key");
        registry.add("app.diarization.timeout", () -> "5s");
    }

    @AfterAll
    static void closeFakes() {
        backend.close();
        diarizer.close();
    }

    @BeforeEach
    void fakes() {
        backend.reset();
        diarizer.reset();
        downloaded.clear();
        // one track: "Hello there" at the start, "Hi" after a pause
        backend.on("POST", "/v1/audio/transcriptions", request -> Reply.json(200, """
                {"task": "transcribe", "language": "english", "duration": 3.0, "text": "Hello there Hi",
                 "words": [{"word": "Hello", "start": 0.2, "end": 0.5}, {"word": "there", "start": 0.6, "end": 0.9},
                           {"word": "Hi", "start": 1.6, "end": 1.9}]}
                """));
    }

    /** The diarizer answers with {@code answer(attempt)} after downloading the audio through the link, as the service does. */
    static void diarizerAnswers(Function<Integer, Reply> answer) {
        AtomicInteger attempts = new AtomicInteger();
        diarizer.on("POST", "/diarize", request -> {
            try {
                HttpResponse<byte[]> audio = http.send(HttpRequest.newBuilder(URI.create(
                        query(request).get("audio_file_url"))).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (audio.statusCode() != 200) {
                    return Reply.json(500, "{\"detail\":\"could not download the audio: " + audio.statusCode() + "\"}");
                }
                downloaded.add(audio.body());
            } catch (Exception e) {
                return Reply.json(500, "{\"detail\":\"could not download the audio\"}");
            }
            return answer.apply(attempts.incrementAndGet());
        });
    }

    static Map<String, String> query(Recorded request) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : request.query().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    List<Integer> speakers(String recordingId) {
        JsonNode words = json.readTree(transcriptOf(recordingId).getTopics().data()).get(0).get("words");
        return java.util.stream.StreamSupport.stream(words.spliterator(), false)
                .map(word -> word.get("speaker").intValue()).toList();
    }

    String cloudRecording() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(440, 3));
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        return id;
    }

    @Test
    void givesTheWordsOfASingleTrackRecordingToTheSpeakersTheDiarizerHeard() throws Exception {
        diarizerAnswers(attempt -> Reply.json(200, TWO_SPEAKERS));

        String id = cloudRecording();

        await(() -> inState(id, "done"));
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getStatus()).isEqualTo("ended");
        JsonNode words = json.readTree(transcript.getTopics().data()).get(0).get("words");
        assertThat(words).hasSize(3);
        assertThat(words.get(0).get("text").stringValue()).isEqualTo("Hello");
        assertThat(speakers(id)).containsExactly(0, 0, 1);
        List<Recorded> asked = diarizer.requests("POST", "/diarize");
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).header("Authorization")).isEqualTo("Bearer modal-key");
        assertThat(query(asked.get(0))).containsEntry("timestamp", "0").containsKey("audio_file_url").hasSize(2);
        // the link is to the transcript's mixed audio, and it reads exactly that
        assertThat(URI.create(query(asked.get(0)).get("audio_file_url")).getPath())
                .isEqualTo("/" + TRANSCRIPTS + "/" + transcript.getId() + "/audio.mp3");
        byte[] stored = s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS)
                .key(transcript.getId() + "/audio.mp3")).asByteArray();
        assertThat(downloaded).hasSize(1);
        assertThat(downloaded.get(0)).isEqualTo(stored);
    }

    @Test
    void aDiarizerThatFailsIsRetriedAndItsSpeakersAreUsedOnceItAnswers() throws Exception {
        diarizerAnswers(attempt -> attempt == 1 ? Reply.json(500, "{\"detail\":\"CUDA out of memory\"}")
                : Reply.json(200, TWO_SPEAKERS));

        String id = cloudRecording();

        await(() -> inState(id, "done"));
        assertThat(row(id).getAttempts()).isEqualTo(1);
        assertThat(row(id).getLastError()).isNull();
        assertThat(speakers(id)).containsExactly(0, 0, 1);
        assertThat(diarizer.requests("POST", "/diarize")).hasSize(2);
        // asked first: the failed attempt cost no transcription
        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).hasSize(1);
    }

    @Test
    void aDiarizerThatStaysDownOrOutOfContractLeavesTheWordsToOneSpeakerOnTheLastAttempt() throws Exception {
        diarizerAnswers(attempt -> switch (attempt) {
            case 1 -> Reply.json(503, "{\"detail\":\"no GPU\"}");
            case 2 -> new Reply(200, Map.of("Content-Type", "text/html"), "<html>Bad gateway</html>",
                    java.time.Duration.ZERO);
            default -> Reply.json(200, "{\"diarization\": [{\"start\": 0, \"end\": 1}]}");
        });

        String id = cloudRecording();

        await(() -> inState(id, "done"));
        assertThat(transcriptOf(id).getStatus()).isEqualTo("ended");
        assertThat(row(id).getAttempts()).isEqualTo(2); // the third and last went through without speakers
        assertThat(speakers(id)).containsExactly(0, 0, 0);
        assertThat(diarizer.requests("POST", "/diarize")).hasSize(3);
        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).hasSize(1);
    }

    @Test
    void aDiarizerThatCannotBeReachedCountsAsAFailedAttempt() throws Exception {
        diarizerAnswers(attempt -> attempt == 1 ? Reply.json(200, TWO_SPEAKERS).after(java.time.Duration.ofSeconds(7))
                : Reply.json(200, TWO_SPEAKERS));

        String id = cloudRecording();

        await(() -> row(id) != null && row(id).getLastError() != null);
        assertThat(row(id).getLastError()).startsWith("DIARIZATION: the diarizer did not answer within PT5S")
                .doesNotContain("X-Amz");
        await(() -> inState(id, "done"));
        assertThat(speakers(id)).containsExactly(0, 0, 1);
    }

    @Test
    void rawTracksKeepASpeakerPerTrackAndNeverCallTheDiarizer() throws Exception {
        diarizerAnswers(attempt -> Reply.json(200, TWO_SPEAKERS));
        String id = "rec-" + UUID.randomUUID();
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        long start = 1732600005500L;
        List<String> keys = List.of("acme/room/" + start + "-" + ada + "-cam-audio-" + start,
                "acme/room/" + start + "-" + bob + "-cam-audio-" + (start + 1500));
        put(keys.get(0), tone(440, 2));
        put(keys.get(1), tone(660, 2));

        announce(id, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, keys);

        await(() -> inState(id, "done"));
        // each track says the same three words; the second's 1.5 s later
        assertThat(speakers(id)).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(diarizer.requests()).isEmpty();
    }
}
