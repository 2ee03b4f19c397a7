package app.meetingbridge.recordings.transcription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code TRANSCRIPT_BACKEND_URL} (empty: no backend; transcripts wait at {@code uploaded}),
 * {@code TRANSCRIPT_BACKEND_API_KEY} (sent as a Bearer token) and how long one track may take.
 */
@ConfigurationProperties("app.transcription")
public record TranscriptionProperties(String url, String apiKey, Duration timeout) {

    public TranscriptionProperties {
        url = url == null ? "" : url.replaceAll("/+$", "");
        apiKey = apiKey == null ? "" : apiKey;
        timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
    }

    public boolean configured() {
        return !url.isBlank();
    }
}
