package app.meetingbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowListTest {

    @Test
    void admitsTheAddressesOfItsBlocksAndNoOthers() throws Exception {
        AllowList list = AllowList.parse("10.1.0.0/16, 127.0.0.1, fd00:1::/32");

        assertThat(list.admitsAddress(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(list.admitsAddress(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(list.admitsAddress(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(list.admitsAddress(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(list.admitsAddress(InetAddress.getByName("fd00:1:ffff::9"))).isTrue();
        assertThat(list.admitsAddress(InetAddress.getByName("fd00:2::9"))).isFalse();
    }

    @Test
    void admitsItsNamesAndTheNamesUnderItsDomainsWithoutCaseOrTrailingDot() {
        AllowList list = AllowList.parse("hooks.internal,*.corp.example");

        assertThat(list.admitsName("hooks.internal")).isTrue();
        assertThat(list.admitsName("HOOKS.Internal.")).isTrue();
        assertThat(list.admitsName("other.internal")).isFalse();
        assertThat(list.admitsName("a.corp.example")).isTrue();
        assertThat(list.admitsName("b.a.corp.example")).isTrue();
        assertThat(list.admitsName("corp.example")).isFalse();
        assertThat(list.admitsName("evilcorp.example")).isFalse();
        assertThat(list.admitsName("corp.example.evil.test")).isFalse();
    }

    @Test
    void isEmptyWithoutEntries() {
        assertThat(AllowList.parse("").isEmpty()).isTrue();
        assertThat(AllowList.parse(" , ").isEmpty()).isTrue();
        assertThat(AllowList.none().admitsName("localhost")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.1.0.1/16", "10.0.0.0/x", "hooks..internal", "0177.0.0.1", "2130706433",
            "127.1", "http://hooks.internal", "hooks.internal:8080", "*", "*.", "a b", "under_score.example",
            "hooks.internal/16", "fd00::/129", "::1%lo"})
    void refusesAMalformedEntryNamingIt(String entry) {
        assertThatThrownBy(() -> AllowList.of(List.of("10.0.0.0/8", entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "'");
    }
}
