package app.meetingbridge.llm;

/**
 * The language model could not be reached in time: no connection, no answer within the timeout, 5xx or 429 beyond
 * the retries (or a {@code Retry-After} longer than we wait), the rate of requests exceeded for too long, or the
 * circuit breaker open after recent failures. Worth trying again later.
 */
public final class LanguageModelUnavailable extends LanguageModelException {

    LanguageModelUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
