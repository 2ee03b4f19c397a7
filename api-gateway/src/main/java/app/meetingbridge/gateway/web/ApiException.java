package app.meetingbridge.gateway.web;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/** A refusal with a status and a message for the caller, rendered as Reflector does: {@code {"detail": "..."}}. */
public class ApiException extends RuntimeException {

    private static final Logger log = LoggerFactory.getLogger(ApiException.class);

    private final HttpStatus status;
    private final @Nullable Duration retryAfter;

    public ApiException(HttpStatus status, String detail, @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** 401 "Not authenticated": what needs a signed-in caller, asked anonymously. */
    public static ApiException notAuthenticated() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Not authenticated", null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail, null);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail, null);
    }

    public static ApiException unavailable(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail, retryAfter);
    }

    /**
     * A refusal whose details (a provider's answer, a database message) stay in the log: the caller gets the short
     * {@code reason} and an error id to quote, which the logged line carries too.
     */
    public static ApiException withDetailsLogged(HttpStatus status, String reason, @Nullable Duration retryAfter,
                                                 @Nullable String details) {
        String errorId = newErrorId();
        log.warn("error {}: {} ({}): {}", errorId, reason, status.value(), details);
        return new ApiException(status, reason + " (error id " + errorId + ")", retryAfter);
    }

    static String newErrorId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    public HttpStatus status() {
        return status;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
