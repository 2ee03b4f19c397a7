package app.meetingbridge.gateway.web;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** A refusal with a status and a message for the caller, rendered as Reflector does: {@code {"detail": "..."}}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final @Nullable Duration retryAfter;

    public ApiException(HttpStatus status, String detail, @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.retryAfter = retryAfter;
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

    public HttpStatus status() {
        return status;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
