package app.meetingbridge.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses lie inside a network rather than on the public internet: a request a user points at one of them
 * could reach the machine itself, its cloud's metadata service, or a neighbour that trusts whoever is on its
 * network (server-side request forgery). These are the ranges IANA sets aside for loopback, link-local, private
 * networks, carrier-grade NAT, multicast, broadcast, "this network" and other special purposes. An IPv6 address
 * that carries an IPv4 one (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::}) is judged by the IPv4 address it carries.
 */
final class InternalAddresses {

    private record Range(Cidr block, String kind) {
    }

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", "unspecified"), // "this network": 0.0.0.0 reaches the machine itself
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "shared (carrier-grade NAT)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local"), // cloud metadata services live at 169.254.169.254
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "reserved"), // IETF protocol assignments (Oracle Cloud's metadata is 192.0.0.192)
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "reserved"), // network benchmarking, used inside networks
            range("224.0.0.0/4", "multicast"),
            range("255.255.255.255/32", "broadcast"),
            range("240.0.0.0/4", "reserved"));

    private static final List<Range> IPV6 = List.of(
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("64:ff9b:1::/48", "private"), // NAT64 for local use
            range("fc00::/7", "private"), // unique local addresses (AWS's metadata is fd00:ec2::254)
            range("fe80::/10", "link-local"),
            range("fec0::/10", "private"), // site-local, deprecated but still routed by some
            range("ff00::/8", "multicast"));

    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private InternalAddresses() {
    }

    /** What kind of internal address this is ("loopback", "private", …), or empty for a public one. */
    static Optional<String> kindOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? kindOf(bytes, IPV4) : ipv6(bytes);
    }

    private static Optional<String> ipv6(byte[] bytes) {
        Optional<String> own = kindOf(bytes, IPV6);
        if (own.isPresent()) {
            return own;
        }
        if (isIpv4Mapped(bytes) || NAT64.contains(bytes)) {
            return kindOf(Arrays.copyOfRange(bytes, 12, 16), IPV4);
        }
        if (IPV4_COMPATIBLE.contains(bytes)) { // deprecated (RFC 4291) and routed nowhere public
            return kindOf(Arrays.copyOfRange(bytes, 12, 16), IPV4).or(() -> Optional.of("reserved"));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return kindOf(Arrays.copyOfRange(bytes, 2, 6), IPV4);
        }
        return Optional.empty();
    }

    /** {@code ::ffff:a.b.c.d}, which the JDK mostly makes IPv4 by itself, but not always (Inet6Address.getByAddress). */
    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static Optional<String> kindOf(byte[] bytes, List<Range> ranges) {
        return ranges.stream().filter(range -> range.block().contains(bytes)).map(Range::kind).findFirst();
    }

    private static Range range(String block, String kind) {
        return new Range(Cidr.parse(block), kind);
    }
}
