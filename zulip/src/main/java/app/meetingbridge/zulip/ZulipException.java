package app.meetingbridge.zulip;

import org.jspecify.annotations.Nullable;

/**
 * Zulip could not do what was asked. The message says what happened in words fit for a log (Zulip's own short
 * {@code msg} included, never the API key nor a whole answer); callers show their users only a short reason.
 */
public final class ZulipException extends RuntimeException {

    /** What kind of failure: whether trying again later may help. */
    public enum Kind {
        /** Realm, bot email or API key unset. */
        NOT_CONFIGURED,
        /** No answer in time, no connection, a 5xx or 429: worth trying again later. */
        UNAVAILABLE,
        /** Zulip refused the request (a 4xx other than 429): asking again would be refused again. */
        REFUSED,
        /** The message to update is gone (deleted, or never ours): post a new one. */
        MESSAGE_GONE,
        /** An answer that is not Zulip's (not its JSON, too large, a redirect). */
        BAD_ANSWER
    }

    private final Kind kind;
    private final @Nullable Integer status;

    ZulipException(Kind kind, @Nullable Integer status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** Zulip's HTTP status, if it answered. */
    public @Nullable Integer status() {
        return status;
    }

    /** Worth trying again later. */
    public boolean worthRetrying() {
        return kind == Kind.UNAVAILABLE || kind == Kind.BAD_ANSWER;
    }
}
