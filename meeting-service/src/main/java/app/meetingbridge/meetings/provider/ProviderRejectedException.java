package app.meetingbridge.meetings.provider;

/**
 * The provider refused the request for a reason asking again will not change (400, 401, 403, 404 …): a
 * misconfiguration or a request it does not accept. Not retried, not counted against the circuit breaker.
 */
public class ProviderRejectedException extends RuntimeException {

    private final int status;

    public ProviderRejectedException(ProviderHttpException cause) {
        super(cause.getMessage(), cause);
        this.status = cause.status();
    }

    public int status() {
        return status;
    }
}
