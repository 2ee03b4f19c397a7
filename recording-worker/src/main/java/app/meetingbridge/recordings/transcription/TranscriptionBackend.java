package app.meetingbridge.recordings.transcription;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transcription backend: {@code POST {url}/v1/audio/transcriptions}, multipart {@code file} and
 * {@code language}, {@code Authorization: Bearer {key}}; it answers {@code {text, words: [{word, start, end}]}},
 * times in seconds from the start of the file. The file is streamed from disk.
 */
public class TranscriptionBackend {

    /** A word as the backend heard it. */
    public record Word(String word, double start, double end) {
    }

    private final TranscriptionProperties properties;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

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

    public List<Word> transcribe(Path audio, String language) {
        String boundary = "----meetingbridge-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\n" + language + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + audio.getFileName()
                + "\"\r\nContent-Type: audio/mpeg\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.url() + "/v1/audio/transcriptions"))
                .timeout(properties.timeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (!properties.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + properties.apiKey());
        }
        HttpResponse<String> response;
        try {
            request.POST(BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8),
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
        return words(response.body());
    }

    private List<Word> words(String body) {
        try {
            JsonNode words = json.readTree(body).path("words");
            List<Word> heard = new ArrayList<>(words.size());
            for (JsonNode word : words) {
                String text = word.path("word").asString(word.path("text").asString(""));
                if (!text.isBlank()) {
                    heard.add(new Word(text, word.path("start").asDouble(0), word.path("end").asDouble(0)));
                }
            }
            return heard;
        } catch (JacksonException e) {
            throw new TranscriptionException("transcription backend answered something that is not JSON", e);
        }
    }

    /** The backend could not be reached or refused: the step is retried. */
    public static class TranscriptionException extends RuntimeException {
        TranscriptionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
