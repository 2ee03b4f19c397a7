package app.meetingbridge.recordings.llm;

import app.meetingbridge.llm.LlmSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The language model, in Reflector's names where it has them (see {@link LlmSettings} for each): {@code LLM_URL}
 * (empty: no post-processing), {@code LLM_API_KEY}, {@code LLM_MODEL}, {@code LLM_CONTEXT_WINDOW}, and how its
 * requests are bounded, retried and spaced. Then when what it could not make is tried again: {@code retryInterval}
 * ({@code LLM_RETRY_INTERVAL}) after the last try, looked for every {@code retryCheck}, at most {@code retryBatch}
 * transcripts a time.
 */
@ConfigurationProperties("app.llm")
public record LlmProperties(String url, String apiKey, String model, int contextWindow, Duration timeout,
                            int parseMaxRetries, double requestsPerSecond, int retries, Duration retryBackoff,
                            Duration maxRetryAfter, int breakerMinimumCalls, Duration breakerOpenFor,
                            Duration retryInterval, Duration retryCheck, int retryBatch) {

    public LlmProperties {
        url = url == null ? "" : url.strip();
        apiKey = apiKey == null ? "" : apiKey;
        retryInterval = retryInterval == null ? Duration.ofMinutes(10) : retryInterval;
        retryCheck = retryCheck == null ? Duration.ofMinutes(1) : retryCheck;
        retryBatch = retryBatch <= 0 ? 10 : retryBatch;
    }

    public boolean configured() {
        return !url.isBlank();
    }

    /** The post-processor's settings (its defaults for what is left zero). */
    public LlmSettings settings() {
        return new LlmSettings(url, apiKey, model, contextWindow, timeout, parseMaxRetries, requestsPerSecond, retries,
                retryBackoff, maxRetryAfter, breakerMinimumCalls, breakerOpenFor);
    }
}
