package app.meetingbridge.llm;

/**
 * The server refused the request with a 4xx status other than 408, 409 and 429: a wrong key (401, 403), an unknown
 * model (404), or a server without structured outputs (400, 422). Not retried; asking again will not help until
 * the settings or the server change.
 */
public final class LanguageModelRefused extends LanguageModelException {

    private final int status;

    LanguageModelRefused(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
