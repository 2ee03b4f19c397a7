package app.meetingbridge.recordings.transcription;

import app.meetingbridge.transcripts.Word;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The transcription backend, any server with OpenAI's audio-transcriptions API:
 * {@code POST {url}/v1/audio/transcriptions}, multipart {@code file}, {@code model}, {@code language},
 * {@code response_format=verbose_json} and {@code timestamp_granularities[]} {@code word} and {@code segment} (what
 * OpenAI and the Whisper servers need to give word timestamps; Reflector's GPU service takes the file, model and
 * language and ignores the rest; another response format can be set for servers that refuse this one, and then no
 * timestamps are asked for), {@code Authorization: Bearer {key}} when a key is set. Its answer is read by
 * {@link TranscriptionAnswer}: words with their times, else segments or the text with the words spread over them.
 * The file is streamed from disk.
 */
public class TranscriptionBackend {

    /** Where the words' times come from: the backend's word timestamps, or spread over its segments or the track. */
    public enum Timing { WORDS, SEGMENTS, TEXT }

    /** The words the backend heard (speaker 0, seconds from the start of the file, in time order) and their timing. */
    public record Heard(List<Word> words, Timing timing) {
        public Heard {
            words = List.copyOf(words);
        }
    }

    private final TranscriptionProperties properties;
    private final HttpClient http;

    public TranscriptionBackend(TranscriptionProperties properties) {
        this.properties = properties;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10));
        if (properties.url().startsWith("http://")) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain HTTP
        }
        this.http = builder.build();
    }

    public boolean configured() {
        return properties.configured();
    }

    /**
     * The words said in {@code audio} ({@code trackSeconds} long: what an answer of text alone is spread over).
     *
     * @throws TranscriptionException when the backend cannot be reached, refuses, or answers something unreadable
     */
    public Heard transcribe(Path audio, String language, double trackSeconds) {
        String boundary = "----meetingbridge-" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        field(head, boundary, "model", properties.model());
        field(head, boundary, "language", language);
        field(head, boundary, "response_format", properties.responseFormat());
        if (properties.verbose()) {
            field(head, boundary, "timestamp_granularities[]", "word");
            field(head, boundary, "timestamp_granularities[]", "segment");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(audio.getFileName()).append("\"\r\nContent-Type: audio/mpeg\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.url() + "/v1/audio/transcriptions"))
                .timeout(properties.timeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (!properties.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + properties.apiKey());
        }
        HttpResponse<String> response;
        try {
            request.POST(BodyPublishers.concat(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8),
                    BodyPublishers.ofFile(audio), BodyPublishers.ofString(tail, StandardCharsets.UTF_8)));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TranscriptionException("transcription backend unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionException("interrupted while transcribing", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new TranscriptionException("transcription backend answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())), null);
        }
        return TranscriptionAnswer.read(response.body(), trackSeconds);
    }

    private static void field(StringBuilder form, String boundary, String name, String value) {
        form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n");
    }

    /** The backend could not be reached or refused: the step is retried. */
    public static class TranscriptionException extends RuntimeException {
        TranscriptionException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
