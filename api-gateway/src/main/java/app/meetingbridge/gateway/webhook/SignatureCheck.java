package app.meetingbridge.gateway.webhook;

/** What checking a webhook's signature found. */
public enum SignatureCheck {
    VALID,
    /** No signature or timestamp header, or one that cannot be read. */
    MISSING,
    BAD_SIGNATURE,
    /** Correctly signed, but its timestamp is outside the accepted window: a replay or a far-off clock. */
    STALE;

    public String reason() {
        return name().toLowerCase().replace('_', '-');
    }
}
