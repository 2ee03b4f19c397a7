package app.meetingbridge.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The internal destinations an operator admits on purpose ({@code WEBHOOK_ALLOWED_HOSTS}), e.g. a receiver that
 * lives inside the same network. Each entry is one of:
 * <ul>
 * <li>a block of addresses, {@code 10.1.0.0/16} or {@code fd00::/8}, or one address, {@code 10.1.2.3}: a host
 *     whose addresses all lie in admitted blocks or on the public internet is admitted;</li>
 * <li>a host name, {@code hooks.internal}, or every name under a domain, {@code *.corp.example} (not
 *     {@code corp.example} itself): a URL naming such a host is admitted whatever it resolves to, even to nothing
 *     yet, since the operator vouched for the name.</li>
 * </ul>
 * Names compare without case and without a trailing dot. Empty: nothing internal is admitted.
 */
public final class AllowList {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final List<Cidr> blocks;
    private final List<String> names;
    private final List<String> domains;
    private final List<String> entries;

    private AllowList(List<Cidr> blocks, List<String> names, List<String> domains, List<String> entries) {
        this.blocks = List.copyOf(blocks);
        this.names = List.copyOf(names);
        this.domains = List.copyOf(domains);
        this.entries = List.copyOf(entries);
    }

    /** Admits nothing internal. */
    public static AllowList none() {
        return of(List.of());
    }

    /**
     * The list of these entries; blank ones are skipped. A malformed entry is refused with an
     * {@link IllegalArgumentException} that names it and says what an entry may be.
     */
    public static AllowList of(List<String> entries) {
        List<Cidr> blocks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            kept.add(entry);
            if (entry.indexOf('/') >= 0 || Cidr.literal(entry) != null) {
                try {
                    blocks.add(Cidr.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw malformed(entry, e.getMessage());
                }
            } else if (entry.startsWith("*.") && isHostName(entry.substring(2))) {
                domains.add(normalized(entry.substring(1))); // ".corp.example"
            } else if (isHostName(entry)) {
                names.add(normalized(entry));
            } else {
                throw malformed(entry, null);
            }
        }
        return new AllowList(blocks, names, domains, kept);
    }

    /** Comma-separated entries, as in {@code WEBHOOK_ALLOWED_HOSTS=10.1.0.0/16,hooks.internal}. */
    public static AllowList parse(String commaSeparated) {
        return of(List.of(commaSeparated.split(",")));
    }

    /** Whether the operator vouched for this host name, so that it is admitted whatever it resolves to. */
    public boolean admitsName(String host) {
        String name = normalized(host);
        return names.contains(name) || domains.stream().anyMatch(name::endsWith);
    }

    /** Whether this address lies in a block the operator admitted. */
    public boolean admitsAddress(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * A host name as DNS knows it: letters, digits and hyphens in dot-separated labels. One whose last label starts
     * with a digit is not a name but an IP address in some spelling (2130706433, 127.1), refused here so that an
     * entry never admits what a resolver would read as an address.
     */
    private static boolean isHostName(String text) {
        String name = normalized(text);
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !Character.isDigit(labels[labels.length - 1].charAt(0));
    }

    private static String normalized(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static IllegalArgumentException malformed(String entry, @Nullable String why) {
        return new IllegalArgumentException("'" + entry + "' is not an address block (10.1.0.0/16), an IP address "
                + "(10.1.2.3) or a host name (hooks.internal, *.corp.example)" + (why == null ? "" : ": " + why));
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
