package app.meetingbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InternalAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, loopback",
            "127.255.255.254, loopback",
            "0.0.0.0, unspecified",
            "0.1.2.3, unspecified",
            "10.0.0.1, private",
            "10.255.255.255, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.0.1, private",
            "100.64.0.1, shared (carrier-grade NAT)",
            "100.127.255.255, shared (carrier-grade NAT)",
            "169.254.169.254, link-local",
            "169.254.0.1, link-local",
            "192.0.0.192, reserved",
            "198.18.0.1, reserved",
            "224.0.0.1, multicast",
            "239.255.255.250, multicast",
            "255.255.255.255, broadcast",
            "240.0.0.1, reserved",
            "::, unspecified",
            "::1, loopback",
            "fe80::1, link-local",
            "febf:ffff::1, link-local",
            "fc00::1, private",
            "fd00:ec2::254, private",
            "fec0::1, private",
            "ff02::1, multicast",
            "::ffff:127.0.0.1, loopback",
            "::ffff:169.254.169.254, link-local",
            "::127.0.0.1, loopback",
            "::10.0.0.1, private",
            "::8.8.8.8, reserved",
            "64:ff9b::a9fe:a9fe, link-local",
            "64:ff9b::7f00:1, loopback",
            "64:ff9b:1::1, private",
            "2002:7f00:1::, loopback",
            "2002:c0a8:101::1, private"})
    void namesTheKindOfEveryInternalAddress(String address, String kind) throws Exception {
        assertThat(InternalAddresses.kindOf(InetAddress.getByName(address))).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.255.255", "192.169.0.1", "223.255.255.255", "2606:4700:4700::1111",
            "2a00:1450:4001:81c::200e", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"})
    void findsNothingInternalInAPublicAddress(String address) throws Exception {
        assertThat(InternalAddresses.kindOf(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void judgesAnIpv4MappedAddressTheJdkKeptAsIpv6ByItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, null);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(InternalAddresses.kindOf(address)).contains("loopback");
    }
}
