package app.meetingbridge.recordings.diarization;

import app.meetingbridge.transcripts.Word;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diarization service, Reflector's contract: {@code POST {url}/diarize?audio_file_url={link}&timestamp=0} with
 * {@code Authorization: Bearer {key}} when a key is set; the service fetches the audio from the link itself and
 * answers {@code {"diarization": [{"start": s, "end": s, "speaker": n}]}} once it has analysed all of it.
 * {@link #turns} asks it; {@link Turns#assign} gives transcribed words its speakers.
 */
public class Diarizer {

    private static final Logger log = LoggerFactory.getLogger(Diarizer.class);
    /** Far above an answer for hours of audio (a turn is about fifty bytes). */
    private static final int LARGEST_ANSWER = 16 * 1024 * 1024;

    private final DiarizationProperties properties;
    private final HttpClient http;
    private final int largestAnswer;

    Diarizer(DiarizationProperties properties) {
        this(properties, LARGEST_ANSWER);
    }

    Diarizer(DiarizationProperties properties, int largestAnswer) {
        this.properties = properties;
        this.largestAnswer = largestAnswer;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (properties.url().startsWith("http://")) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain HTTP
        }
        this.http = builder.build();
        if (properties.enabled() && properties.url().isBlank()) {
            log.warn("DIARIZATION_ENABLED is on but DIARIZATION_URL is not set: single-track recordings are not "
                    + "diarized, all their words go to one speaker");
        }
    }

    /** Whether recordings are diarized ({@code DIARIZATION_ENABLED} and a {@code DIARIZATION_URL}). */
    public boolean enabled() {
        return properties.active();
    }

    /** How long the link handed to the service should stay valid. */
    public Duration linkExpiry() {
        return properties.linkExpiry();
    }

    /**
     * The speakers' turns in the audio at {@code audio} (a link the service can read without a credential).
     *
     * @throws DiarizationException when the service cannot be reached, refuses, or answers out of contract
     */
    public Turns turns(URI audio) {
        URI uri = URI.create(properties.url() + "/diarize?audio_file_url="
                + URLEncoder.encode(audio.toString(), StandardCharsets.UTF_8) + "&timestamp=0");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                .POST(HttpRequest.BodyPublishers.noBody());
        if (!properties.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + properties.apiKey());
        }
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(largestAnswer + 1);
                if (bytes.length > largestAnswer) {
                    throw new DiarizationException("the diarizer's answer is larger than " + largestAnswer + " bytes");
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (HttpTimeoutException e) {
            throw new DiarizationException("the diarizer did not answer within " + properties.timeout(), e);
        } catch (IOException e) {
            throw new DiarizationException("diarizer unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiarizationException("interrupted while diarizing", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DiarizationException("the diarizer answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
        try {
            DiarizerAnswer.Read read = DiarizerAnswer.read(body);
            if (read.leftOut() > 0) {
                log.warn("the diarizer gave {} turn(s) with a negative time or an end not after the start; left out",
                        read.leftOut());
            }
            return new Turns(read.turns());
        } catch (DiarizerAnswer.Malformed e) {
            throw new DiarizationException(e.getMessage());
        }
    }

    /** Who speaks when, as the diarizer heard it. */
    public static final class Turns {

        private final List<Turn> turns;

        Turns(List<Turn> turns) {
            this.turns = List.copyOf(turns);
        }

        /** How many turns the diarizer heard. */
        public int count() {
            return turns.size();
        }

        /** How many speakers the diarizer heard. */
        public long speakers() {
            return turns.stream().mapToInt(Turn::speaker).distinct().count();
        }

        /**
         * The words (in time order) with the speaker whose turns overlap each most, numbered 0, 1, ... in order of
         * first appearance; without turns the words are as given.
         */
        public List<Word> assign(List<Word> words) {
            return SpeakerAssignment.assign(words, turns);
        }
    }

    /** The diarizer could not be reached, refused, or answered out of contract: the step is retried. */
    public static class DiarizationException extends RuntimeException {
        DiarizationException(String message) {
            super(message);
        }

        DiarizationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
