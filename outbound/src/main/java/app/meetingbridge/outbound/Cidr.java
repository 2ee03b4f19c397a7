package app.meetingbridge.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A block of addresses, {@code address/prefix} ({@code 10.1.0.0/16}, {@code fd00::/8}): every address whose first
 * {@code prefix} bits are the block's. Only plain spellings are read: IPv4 as four decimal numbers without leading
 * zeros, IPv6 as the usual hex groups; nothing here is ever looked up in DNS.
 */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * The block {@code text} names: {@code address/prefix}, or one address alone. Refuses, saying why, anything
     * else, a prefix longer than the address, and an address with bits set past its prefix (10.1.0.1/16: meant
     * 10.1.0.0/16?), which is a typo more often than not.
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = literal(addressPart);
        if (address == null) {
            throw new IllegalArgumentException("'" + addressPart + "' is not an IP address");
        }
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixPart = text.substring(slash + 1);
            if (!prefixPart.matches("[0-9]{1,3}") || Integer.parseInt(prefixPart) > bits) {
                throw new IllegalArgumentException("'/" + prefixPart + "' is not a prefix length from 0 to " + bits);
            }
            prefix = Integer.parseInt(prefixPart);
        }
        Cidr block = new Cidr(bytes, prefix);
        if (!block.isNetwork()) {
            throw new IllegalArgumentException("'" + text + "' has bits set past its prefix length");
        }
        return block;
    }

    /**
     * The address {@code text} spells, when it is an IP address in a plain spelling: four decimal numbers without
     * leading zeros ({@code 10.0.0.1}), or IPv6 (with or without brackets, without a zone). Null for anything else,
     * host names included; never a DNS lookup.
     */
    static @Nullable InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (IPV4.matcher(bare).matches()) {
            String[] parts = bare.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return byAddress(bytes);
        }
        if (bare.indexOf(':') >= 0 && bare.indexOf('%') < 0 && bare.matches("[0-9A-Fa-f:.]+")) {
            try {
                return InetAddress.getByName(bare); // an IPv6 literal: parsed, never looked up
            } catch (UnknownHostException notAnAddress) {
                return null;
            }
        }
        return null;
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether the address of these bytes (4 for IPv4, 16 for IPv6) is in the block. */
    boolean contains(byte[] bytes) {
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            if (bit(bytes, bit) != bit(network, bit)) {
                return false;
            }
        }
        return true;
    }

    private boolean isNetwork() {
        for (int bit = prefix; bit < network.length * 8; bit++) {
            if (bit(network, bit) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int bit(byte[] bytes, int bit) {
        return (bytes[bit / 8] >> (7 - bit % 8)) & 1;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible); // four bytes are always an address
        }
    }

    @Override
    public String toString() {
        return byAddress(network).getHostAddress() + "/" + prefix;
    }
}
