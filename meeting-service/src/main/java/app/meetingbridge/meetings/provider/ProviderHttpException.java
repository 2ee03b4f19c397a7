package app.meetingbridge.meetings.provider;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A provider answered with an error status. Provider clients throw it; {@link ProviderCalls} classifies it. */
public class ProviderHttpException extends RuntimeException {

    private final int status;
    private final String body;
    private final @Nullable Duration retryAfter;

    public ProviderHttpException(String provider, String operation, int status, String body,
                                 @Nullable Duration retryAfter) {
        super(provider + " " + operation + " failed with status " + status + ": " + abbreviate(body));
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** 429 and 5xx: the provider may do it if asked again later. */
    public boolean transientFailure() {
        return status == 429 || status >= 500;
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
