package app.meetingbridge.outbound;

import java.net.UnknownHostException;

/**
 * The guard refused a destination: the URL's form (not http or https, user info, no proper host, an IP address
 * in an unusual spelling) or an address its host resolves to (loopback, private, link-local, …) that no entry of
 * the allow-list admits. The message is a few words ({@code "loopback address"}) and never an address, so it may
 * be logged or stored; tell the user no more than that the URL is not allowed.
 * <p>
 * It extends {@link UnknownHostException} only because the HTTP client asks the guard for addresses where it
 * would ask DNS, and that call may throw nothing else; it is not a failed lookup. Catch it before
 * {@code UnknownHostException}, which means the host does not resolve (perhaps only for now).
 */
public final class RefusedDestinationException extends UnknownHostException {

    public RefusedDestinationException(String reason) {
        super(reason);
    }

    /** Why, in a few words that name no address. */
    public String reason() {
        return getMessage();
    }
}
