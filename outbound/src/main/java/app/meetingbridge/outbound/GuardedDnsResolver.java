package app.meetingbridge.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's DNS: each connection's lookup goes through the guard, which resolves and checks in one step and
 * hands back only the addresses it checked; the client then connects to one of those, so no second lookup can
 * swap in another address between check and connect.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final OutboundGuard guard;

    GuardedDnsResolver(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.resolve(host).toArray(InetAddress[]::new);
    }

    /** Asked only for Kerberos (SPNEGO) authentication, which this client never does: the name as given. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
