package app.meetingbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundGuardTest {

    /** The system's resolver: every spelling as the JDK and the C library read it. */
    static final OutboundGuard GUARD = new OutboundGuard(AllowList.none());

    /** Names that resolve as told, and only those (no DNS in unit tests). */
    static HostResolver names(Map<String, String> answers) {
        return host -> {
            String answer = answers.get(host);
            if (answer == null) {
                if (Cidr.literal(host) != null) {
                    return new InetAddress[] {Cidr.literal(host)};
                }
                throw new UnknownHostException(host);
            }
            String[] addresses = answer.split(" ");
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByAddress(host, Cidr.literal(addresses[i]).getAddress());
            }
            return resolved;
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // loopback, in every spelling a parser might accept
            "http://127.0.0.1/", "http://127.0.0.1:8080/hook", "https://127.0.0.1/", "HTTP://127.0.0.1/",
            "http://127.1/", "http://127.0.1/", "http://2130706433/", "http://0177.0.0.1/", "http://0177.1/",
            "http://0x7f.0.0.1/", "http://0x7f000001/", "http://0x7f.1/", "http://017700000001/",
            "http://127.000.000.001/", "http://127.0.0.1./", "http://127.127.127.127/", "http://localhost/",
            "http://localhost:1250/v1/rooms", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/",
            "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[0:0:0:0:0:ffff:127.0.0.1]/",
            "http://[::127.0.0.1]/", "http://[64:ff9b::127.0.0.1]/",
            // unspecified: reaches the machine itself
            "http://0/", "http://0.0.0.0/", "http://[::]/", "http://0x0/",
            // cloud metadata and other link-local
            "http://169.254.169.254/latest/meta-data/", "http://2852039166/", "http://0xa9fea9fe/",
            "http://0251.0376.0251.0376/", "http://169.254.169.254.xip.invalid.0/", "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:a9fe:a9fe]/", "http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[fd00:ec2::254]/",
            "http://192.0.0.192/",
            // private networks, carrier-grade NAT, multicast, broadcast
            "http://10.0.0.1/", "http://10.255.255.255/", "http://012.0.0.1/", "http://167772161/",
            "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/", "http://0xc0.0xa8.1.1/",
            "http://100.64.0.1/", "http://100.100.100.200/", "http://224.0.0.1/", "http://255.255.255.255/",
            "http://[fc00::1]/", "http://[ff02::1]/", "http://[2002:a00:1::]/",
            // not a plain http(s) URL to a plain host
            "ftp://example.com/", "file:///etc/passwd", "gopher://example.com/", "jar:http://example.com!/",
            "javascript:alert(1)", "mailto:someone@example.com", "http:///hook", "http://", "//example.com/hook",
            "http://user:pass@example.com/", "http://example.com@127.0.0.1/", "http://user@example.com/",
            "http://exa mple.com/", "http://under_score.example.com/", "http://%31%32%37.0.0.1/"})
    void refusesInternalAddressesInAnySpellingAndUrlsThatAreNotPlainHttp(String url) {
        assertThatThrownBy(() -> GUARD.check(url)).isInstanceOf(RefusedDestinationException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://127.0.0.1/, loopback address",
            "http://localhost/, loopback address",
            "http://[::ffff:127.0.0.1]/, loopback address",
            "http://169.254.169.254/, link-local address",
            "http://10.1.2.3/, private address",
            "http://100.64.0.1/, shared (carrier-grade NAT) address",
            "http://0177.0.0.1/, IP address in an unusual spelling",
            "http://2130706433/, IP address in an unusual spelling",
            "http://user:pass@example.com/, user info in the URL",
            "ftp://example.com/, scheme is not http or https",
            "http://127.1/, no proper host in the URL"})
    void saysWhyInAFewWordsThatNameNoAddress(String url, String reason) {
        assertThatThrownBy(() -> GUARD.check(url)).isInstanceOf(RefusedDestinationException.class)
                .hasMessage(reason);
    }

    @Test
    void admitsPublicAddressesAndNamesThatResolveToThem() {
        OutboundGuard guard = new OutboundGuard(AllowList.none(),
                names(Map.of("hooks.example.com", "93.184.216.34 2606:2800:220:1:248:1893:25c8:1946")));

        assertThatCode(() -> guard.check("https://hooks.example.com/receive?x=1")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://hooks.example.com:8443/")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://8.8.8.8/")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://[2606:4700:4700::1111]/")).doesNotThrowAnyException();
    }

    @Test
    void refusesAHostNameThatResolvesToLoopback() {
        OutboundGuard guard = new OutboundGuard(AllowList.none(), names(Map.of("innocent.example", "127.0.0.1")));

        assertThatThrownBy(() -> guard.check("https://innocent.example/hook"))
                .isInstanceOf(RefusedDestinationException.class).hasMessage("loopback address");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsInternal() {
        OutboundGuard guard = new OutboundGuard(AllowList.none(),
                names(Map.of("mixed.example", "93.184.216.34 10.0.0.5")));

        assertThatThrownBy(() -> guard.check("https://mixed.example/hook"))
                .isInstanceOf(RefusedDestinationException.class).hasMessage("private address");
    }

    @Test
    void tellsAHostThatDoesNotResolveFromARefusedOne() {
        OutboundGuard guard = new OutboundGuard(AllowList.none(), names(Map.of()));

        assertThatThrownBy(() -> guard.check("https://nowhere.example/hook"))
                .isInstanceOf(UnknownHostException.class).isNotInstanceOf(RefusedDestinationException.class);
    }

    @Test
    void admitsInternalAddressesInAllowListedBlocks() {
        OutboundGuard guard = new OutboundGuard(AllowList.parse("10.1.0.0/16,127.0.0.1"),
                names(Map.of("receiver.internal", "10.1.4.2", "mixed.internal", "10.1.4.2 10.2.0.1",
                        "localhost", "127.0.0.1 ::1")));

        assertThatCode(() -> guard.check("http://10.1.0.9/hook")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://receiver.internal/hook")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://127.0.0.1:8080/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check("http://10.2.0.1/hook")).isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> guard.check("http://mixed.internal/hook"))
                .isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> guard.check("http://localhost/hook")) // ::1 is not admitted
                .isInstanceOf(RefusedDestinationException.class).hasMessage("loopback address");
        assertThatThrownBy(() -> guard.check("http://127.1/hook")).isInstanceOf(RefusedDestinationException.class);
    }

    @Test
    void admitsAnAllowListedNameWhateverItResolvesTo() throws Exception {
        OutboundGuard guard = new OutboundGuard(AllowList.parse("hooks.internal,*.corp.example"),
                names(Map.of("hooks.internal", "10.9.9.9", "a.corp.example", "192.168.0.7")));

        assertThatCode(() -> guard.check("http://hooks.internal/hook")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://a.corp.example/hook")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://b.corp.example/not-resolving-yet")).doesNotThrowAnyException();
        assertThat(guard.resolve("hooks.internal")).extracting(InetAddress::getHostAddress).containsExactly("10.9.9.9");
        assertThatThrownBy(() -> guard.check("http://user@hooks.internal/"))
                .isInstanceOf(RefusedDestinationException.class);
    }
}
