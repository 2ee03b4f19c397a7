package app.meetingbridge.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a request may go to an address a user chose, so that nobody makes our servers call inside our
 * own network for them (server-side request forgery). A URL must be {@code http} or {@code https}, carry no user
 * info and name a proper host; the host is resolved and <em>every</em> address it resolves to is checked: one
 * internal address ({@link InternalAddresses}: loopback, private, link-local, carrier-grade NAT, multicast,
 * unspecified, broadcast, reserved, and IPv6 forms carrying any of those) refuses the host, unless the operator's
 * {@link AllowList} admits that address, or the host's name itself.
 * <p>
 * IP addresses count only in their plain spelling. A host that looks like an address in any other form (decimal
 * {@code 2130706433}, octal {@code 0177.0.0.1}, hex {@code 0x7f.1}, short {@code 127.1}, zero-padded
 * {@code 127.000.000.001}) is refused outright: parsers disagree on what these mean (the JDK reads
 * {@code 0177.0.0.1} as 177.0.0.1, C resolvers as 127.0.0.1), and no genuine receiver is written so.
 * <p>
 * Checking once is not enough: a name can resolve to a public address when checked and to 127.0.0.1 a moment
 * later (DNS rebinding). {@link GuardedHttpClient} therefore asks this guard for the addresses it connects to, and
 * connects to exactly those.
 */
public final class OutboundGuard {

    private final AllowList allowList;
    private final HostResolver resolver;

    public OutboundGuard(AllowList allowList) {
        this(allowList, HostResolver.SYSTEM);
    }

    public OutboundGuard(AllowList allowList, HostResolver resolver) {
        this.allowList = allowList;
        this.resolver = resolver;
    }

    /**
     * Checks {@code url} whole, as before saving it: its form, then every address its host resolves to. A host name
     * the allow-list admits is not looked up: the operator vouched for it, and it may resolve only where the
     * request will be sent from.
     *
     * @throws RefusedDestinationException when the form or an address is not allowed
     * @throws UnknownHostException when the host does not resolve
     */
    public void check(String url) throws UnknownHostException {
        String host = checkForm(url).getHost();
        if (!allowList.admitsName(bare(host))) {
            resolve(host);
        }
    }

    /**
     * The URL, when its form is allowed: {@code http} or {@code https}, no user info, a host. Nothing is resolved.
     *
     * @throws RefusedDestinationException when it is not
     */
    public URI checkForm(String url) throws RefusedDestinationException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedDestinationException("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.isOpaque()) {
            throw new RefusedDestinationException("scheme is not http or https");
        }
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || authority != null && authority.indexOf('@') >= 0) {
            throw new RefusedDestinationException("user info in the URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI finds no host in 127.1, 0x7f.0.0.1, under_scores, non-ASCII names, …
            throw new RefusedDestinationException("no proper host in the URL");
        }
        return uri;
    }

    /**
     * The addresses of {@code host} (a name, or an IP address, IPv6 with or without brackets), every one checked.
     * A name the allow-list admits is resolved and not checked.
     *
     * @throws RefusedDestinationException when the host is spelled as no plain address or name is, or an address
     *                                     is not allowed
     * @throws UnknownHostException        when the host does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = bare(host);
        if (bare.isEmpty()) {
            throw new RefusedDestinationException("no host");
        }
        if (allowList.admitsName(bare)) {
            return addresses(bare);
        }
        if (looksLikeAnAddress(bare) && Cidr.literal(bare) == null) {
            throw new RefusedDestinationException("IP address in an unusual spelling");
        }
        List<InetAddress> addresses = addresses(bare);
        for (InetAddress address : addresses) {
            if (!allowList.admitsAddress(address)) {
                Optional<String> kind = InternalAddresses.kindOf(address);
                if (kind.isPresent()) {
                    throw new RefusedDestinationException(kind.get() + " address");
                }
            }
        }
        return addresses;
    }

    private List<InetAddress> addresses(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        return List.of(addresses);
    }

    /** The host without the brackets of an IPv6 literal. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * IPv6 (a colon), or a host whose last label starts with a digit: no top-level domain does, so a resolver reads
     * such a host as an IPv4 address in some spelling ({@code 2130706433}, {@code 0x7f.1}, {@code 127.0.0.1.}).
     */
    private static boolean looksLikeAnAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = name.substring(name.lastIndexOf('.') + 1);
        return !last.isEmpty() && Character.isDigit(last.charAt(0));
    }
}
