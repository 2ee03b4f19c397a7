package app.meetingbridge.llm;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The language model, as Reflector names its settings: the base URL of an OpenAI-compatible API ({@code LLM_URL},
 * such as {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}; {@code chat/completions} is
 * added to it), the key sent as a bearer token ({@code LLM_API_KEY}, none for a local server), the model
 * ({@code LLM_MODEL}) and its context window in tokens ({@code LLM_CONTEXT_WINDOW}).
 *
 * <p>{@code timeout} ({@code LLM_TIMEOUT}) bounds one request, the answer included; {@code malformedRetries}
 * ({@code LLM_PARSE_MAX_RETRIES}) is how many times an answer that is not the JSON asked for is asked again;
 * {@code requestsPerSecond} ({@code LLM_REQUESTS_PER_SECOND}) is the rate of requests this process sends. A failed
 * request (no connection, no answer in time, 5xx, 429) is tried again up to {@code retries} ({@code LLM_RETRIES})
 * times, after {@code retryBackoff} ({@code LLM_RETRY_BACKOFF}) doubling, or after the server's {@code Retry-After}
 * when it gives one of at most {@code maxRetryAfter} ({@code LLM_MAX_RETRY_AFTER}; a longer one fails the call at
 * once). Once {@code breakerMinimumCalls} ({@code LLM_BREAKER_MINIMUM_CALLS}) requests have been made and at least
 * half of the last ten found the server down, calls fail at once for {@code breakerOpenFor}
 * ({@code LLM_BREAKER_OPEN_FOR}). Zero or null values take the defaults (negative ones for the retry counts).
 * The API key never appears in {@link #toString()}.
 */
public record LlmSettings(@Nullable String url, @Nullable String apiKey, String model, int contextWindow,
                          Duration timeout, int malformedRetries, double requestsPerSecond, int retries,
                          Duration retryBackoff, Duration maxRetryAfter, int breakerMinimumCalls,
                          Duration breakerOpenFor) {

    public LlmSettings {
        url = url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", "");
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        model = model == null || model.isBlank() ? "microsoft/phi-4" : model.strip();
        contextWindow = contextWindow <= 0 ? 16000 : contextWindow;
        timeout = positiveOr(timeout, Duration.ofMinutes(5));
        malformedRetries = malformedRetries < 0 ? 3 : malformedRetries;
        requestsPerSecond = requestsPerSecond <= 0 ? 10 : requestsPerSecond;
        retries = retries < 0 ? 3 : retries;
        retryBackoff = positiveOr(retryBackoff, Duration.ofSeconds(1));
        maxRetryAfter = positiveOr(maxRetryAfter, Duration.ofSeconds(60));
        breakerMinimumCalls = breakerMinimumCalls <= 0 ? 5 : breakerMinimumCalls;
        breakerOpenFor = positiveOr(breakerOpenFor, Duration.ofSeconds(30));
    }

    /** The defaults (Reflector's where it has one) for this server, key and model. */
    public static LlmSettings of(@Nullable String url, @Nullable String apiKey, @Nullable String model) {
        return new LlmSettings(url, apiKey, model, 0, null, -1, 0, -1, null, null, 0, null);
    }

    /** A language model is configured: {@code LLM_URL} is set. */
    public boolean configured() {
        return url != null;
    }

    public LlmSettings withContextWindow(int tokens) {
        return new LlmSettings(url, apiKey, model, tokens, timeout, malformedRetries, requestsPerSecond, retries,
                retryBackoff, maxRetryAfter, breakerMinimumCalls, breakerOpenFor);
    }

    public LlmSettings withTimeout(Duration perRequest) {
        return new LlmSettings(url, apiKey, model, contextWindow, perRequest, malformedRetries, requestsPerSecond,
                retries, retryBackoff, maxRetryAfter, breakerMinimumCalls, breakerOpenFor);
    }

    public LlmSettings withRetries(int transportRetries, Duration backoff, int malformed) {
        return new LlmSettings(url, apiKey, model, contextWindow, timeout, malformed, requestsPerSecond,
                transportRetries, backoff, maxRetryAfter, breakerMinimumCalls, breakerOpenFor);
    }

    public LlmSettings withBreaker(int minimumCalls, Duration openFor) {
        return new LlmSettings(url, apiKey, model, contextWindow, timeout, malformedRetries, requestsPerSecond,
                retries, retryBackoff, maxRetryAfter, minimumCalls, openFor);
    }

    @Override
    public String toString() {
        return "LlmSettings[url=" + url + ", apiKey=" + (apiKey == null ? "unset" : "(set)") + ", model=" + model
                + ", contextWindow=" + contextWindow + ", timeout=" + timeout + ", malformedRetries="
                + malformedRetries + ", requestsPerSecond=" + requestsPerSecond + ", retries=" + retries
                + ", retryBackoff=" + retryBackoff + ", maxRetryAfter=" + maxRetryAfter + ", breakerMinimumCalls="
                + breakerMinimumCalls + ", breakerOpenFor=" + breakerOpenFor + "]";
    }

    private static Duration positiveOr(@Nullable Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }
}
