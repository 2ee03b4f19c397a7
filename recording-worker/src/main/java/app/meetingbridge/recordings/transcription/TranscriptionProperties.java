package app.meetingbridge.recordings.transcription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code TRANSCRIPT_BACKEND_URL} (empty: no backend; transcripts wait at {@code uploaded}),
 * {@code TRANSCRIPT_BACKEND_API_KEY} (sent as a Bearer token), {@code TRANSCRIPT_MODEL} (the {@code model} field;
 * {@code whisper-1} unless set, which OpenAI and Reflector's GPU service take, while self-hosted servers want the name
 * of a model they serve), {@code TRANSCRIPT_RESPONSE_FORMAT} ({@code verbose_json} unless set, with word and segment
 * timestamps asked for; {@code json} for a server that refuses it, whose text is then spread over the track) and how
 * long one track may take.
 */
@ConfigurationProperties("app.transcription")
public record TranscriptionProperties(String url, String apiKey, String model, String responseFormat,
                                      Duration timeout) {

    public TranscriptionProperties {
        url = url == null ? "" : url.replaceAll("/+$", "");
        apiKey = apiKey == null ? "" : apiKey;
        model = model == null || model.isBlank() ? "whisper-1" : model.strip();
        responseFormat = responseFormat == null || responseFormat.isBlank() ? "verbose_json" : responseFormat.strip();
        timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
    }

    /** Whether the answer can carry timestamps, so they are asked for (OpenAI refuses them with any other format). */
    boolean verbose() {
        return responseFormat.equals("verbose_json");
    }

    public boolean configured() {
        return !url.isBlank();
    }
}
