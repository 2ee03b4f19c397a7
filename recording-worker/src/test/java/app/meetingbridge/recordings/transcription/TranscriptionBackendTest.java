package app.meetingbridge.recordings.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.recordings.transcription.TranscriptionBackend.Heard;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.Timing;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.TranscriptionException;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.transcripts.Word;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the backend is sent, faked at the HTTP level as an OpenAI-compatible server. */
class TranscriptionBackendTest {

    static final FakeHttpServer server = new FakeHttpServer();

    @TempDir
    Path folder;
    Path audio;

    @AfterAll
    static void close() {
        server.close();
    }

    @BeforeEach
    void audio() throws Exception {
        server.reset();
        audio = Files.write(folder.resolve("speech-0.mp3"), new byte[] {1, 2, 3, 4});
    }

    static String field(String name, String value) {
        return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    @Test
    void asksForWordAndSegmentTimestampsOfTheModelWithTheFile() {
        server.on("POST", "/v1/audio/transcriptions", Reply.json(200,
                "{\"text\": \"Hi\", \"words\": [{\"word\": \"Hi\", \"start\": 0.1, \"end\": 0.3}]}"));
        TranscriptionBackend backend = new TranscriptionBackend(new TranscriptionProperties(
                server.baseUri() + "/", "sk-local", "Systran/faster-whisper-small", null, Duration.ofSeconds(5)));

        Heard heard = backend.transcribe(audio, "de", 1.0);

        assertThat(heard.words()).containsExactly(new Word("Hi", 0.1, 0.3, 0));
        Recorded request = server.requests("POST", "/v1/audio/transcriptions").get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-local");
        assertThat(request.body()).contains(field("model", "Systran/faster-whisper-small"), field("language", "de"),
                        field("response_format", "verbose_json"), field("timestamp_granularities[]", "word"),
                        field("timestamp_granularities[]", "segment"))
                .contains("name=\"file\"; filename=\"speech-0.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n\u0001\u0002\u0003\u0004\r\n");
    }

    @Test
    void withAnotherResponseFormatAsksForNoTimestampsAndSpreadsTheText() {
        server.on("POST", "/v1/audio/transcriptions", Reply.json(200, "{\"text\": \"Hello there\"}"));
        TranscriptionBackend backend = new TranscriptionBackend(new TranscriptionProperties(server.baseUri().toString(),
                "", null, "json", Duration.ofSeconds(5)));

        Heard heard = backend.transcribe(audio, "en", 2.2);

        assertThat(heard.timing()).isEqualTo(Timing.TEXT);
        assertThat(heard.words()).extracting(Word::text).containsExactly("Hello", "there");
        Recorded request = server.requests("POST", "/v1/audio/transcriptions").get(0);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).contains(field("model", "whisper-1"), field("response_format", "json"))
                .doesNotContain("timestamp_granularities");
    }

    @Test
    void anErrorAnswerFailsWithItsStatus() {
        server.on("POST", "/v1/audio/transcriptions", Reply.json(400,
                "{\"error\": {\"message\": \"Unsupported response_format\", \"type\": \"invalid_request_error\"}}"));
        TranscriptionBackend backend = new TranscriptionBackend(new TranscriptionProperties(server.baseUri().toString(),
                "", null, null, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> backend.transcribe(audio, "en", 1.0)).isInstanceOf(TranscriptionException.class)
                .hasMessageContaining("400").hasMessageContaining("Unsupported response_format");
    }
}
