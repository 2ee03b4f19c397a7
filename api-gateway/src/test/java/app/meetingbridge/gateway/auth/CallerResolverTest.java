package app.meetingbridge.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.gateway.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

/** With authentication off, who is served: callers on this machine, others only when allowed on purpose. */
class CallerResolverTest {

    static CallerResolver withoutAuthentication(boolean allowRemote) {
        // no user is ever written and no key looked at in this mode, so no repository is needed
        return new CallerResolver(new AuthProperties("none", allowRemote, null, null, null, null, true,
                Duration.ofSeconds(60)), null, null, null, Clock.systemUTC());
    }

    static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/rooms");
        request.setRemoteAddr(address);
        return request;
    }

    @Test
    void servesCallersOnThisMachineAsTheLocalOwner() {
        CallerResolver resolver = withoutAuthentication(false);

        assertThat(resolver.resolve(from("127.0.0.1"))).isEqualTo(Caller.localOwner());
        assertThat(resolver.resolve(from("0:0:0:0:0:0:0:1"))).isEqualTo(Caller.localOwner());
    }

    @Test
    void refusesCallersFromElsewhereWith403() {
        CallerResolver resolver = withoutAuthentication(false);

        for (String address : new String[] {"10.0.0.7", "192.168.1.20", "203.0.113.9", "2001:db8:0:0:0:0:0:1"}) {
            assertThatThrownBy(() -> resolver.resolve(from(address))).as(address)
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        }
    }

    @Test
    void servesCallersFromElsewhereOnlyWhenAllowedOnPurpose() {
        assertThat(withoutAuthentication(true).resolve(from("203.0.113.9"))).isEqualTo(Caller.localOwner());
    }
}
