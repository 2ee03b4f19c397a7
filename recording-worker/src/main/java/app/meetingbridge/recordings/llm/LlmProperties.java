package app.meetingbridge.recordings.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The language model (Reflector's names): {@code LLM_URL} (an OpenAI-compatible API's base URL; empty: no
 * post-processing), {@code LLM_API_KEY}, {@code LLM_MODEL}, {@code LLM_CONTEXT_WINDOW} (tokens), how long one answer
 * may take, how many malformed answers are asked again, the calls per second shared by the worker's steps, and when
 * what it could not make is tried again ({@code LLM_RETRY_INTERVAL} after, looked for every {@code retryCheck}, at most
 * {@code retryBatch} transcripts a time).
 */
@ConfigurationProperties("app.llm")
public record LlmProperties(String url, String apiKey, String model, int contextWindow, Duration timeout,
                            int malformedRetries, double requestsPerSecond, Duration retryInterval, int retryBatch,
                            Duration retryCheck) {

    public LlmProperties {
        url = url == null ? "" : url.strip();
        apiKey = apiKey == null ? "" : apiKey;
        model = model == null || model.isBlank() ? "gpt-4o-mini" : model;
        contextWindow = contextWindow <= 0 ? 16000 : contextWindow;
        timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
        malformedRetries = Math.max(0, malformedRetries);
        requestsPerSecond = requestsPerSecond <= 0 ? 10 : requestsPerSecond;
        retryInterval = retryInterval == null ? Duration.ofMinutes(10) : retryInterval;
        retryBatch = retryBatch <= 0 ? 10 : retryBatch;
        retryCheck = retryCheck == null ? Duration.ofMinutes(1) : retryCheck;
    }

    public boolean configured() {
        return !url.isBlank();
    }
}
