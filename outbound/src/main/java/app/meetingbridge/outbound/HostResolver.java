package app.meetingbridge.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where the guard gets a host's addresses: the system's resolver, or in tests one that answers as told. */
@FunctionalInterface
public interface HostResolver {

    /** The JDK's resolver ({@link InetAddress#getAllByName}), with its cache and the system's configuration. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /** Every address of {@code host} (a name or an IP literal); throws when it has none. */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
