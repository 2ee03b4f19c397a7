package app.meetingbridge.meetings.provider;

/** The provider did not do what was asked (down, refusing, rate limited, too slow); callers may try again later. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
