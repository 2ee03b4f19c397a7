package app.meetingbridge.recordings.storage;

/** Why an object could not be fetched, and whether trying again can help. */
public class StorageException extends RuntimeException {

    public enum Reason {
        /** The key is outside the provider bucket and prefix we read from: never fetched, never retried. */
        REFUSED(false),
        /** The object is not there (yet): retried, a provider may still be writing it. */
        MISSING(true),
        /** Fewer bytes arrived than the object has: retried, resuming where the copy stopped. */
        TRUNCATED(true),
        /** The bytes do not match the object's checksum: retried from the start. */
        CHECKSUM(true),
        /** The storage could not be reached or refused the request: retried. */
        UNAVAILABLE(true);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public StorageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StorageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
