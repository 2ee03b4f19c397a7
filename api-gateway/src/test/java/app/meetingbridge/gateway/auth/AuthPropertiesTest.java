package app.meetingbridge.gateway.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The authentication settings a gateway refuses to start with. */
class AuthPropertiesTest {

    static final Duration SKEW = Duration.ofSeconds(60);
    static final String ISSUER = "https://id.example/";
    static final String PEM = "-----BEGIN PUBLIC KEY-----...";

    @Test
    void refusesToStartWithoutAChosenBackend() {
        assertThatThrownBy(() -> new AuthProperties(null, false, null, null, null, null, true, SKEW))
                .hasMessageStartingWith("AUTH_BACKEND is not set");
        assertThatThrownBy(() -> new AuthProperties(" ", false, null, null, null, null, true, SKEW))
                .hasMessageStartingWith("AUTH_BACKEND is not set");
        assertThatThrownBy(() -> new AuthProperties("off", false, null, null, null, null, true, SKEW))
                .hasMessageContaining("none or jwt");
    }

    @Test
    void refusesJwtWithoutAnIssuer() {
        assertThatThrownBy(() -> new AuthProperties("jwt", false, PEM, null, null, "app", true, SKEW))
                .hasMessageContaining("AUTH_JWT_ISSUER");
    }

    @Test
    void refusesJwtWithoutAnAudienceUnlessItsCheckIsTurnedOff() {
        assertThatThrownBy(() -> new AuthProperties("jwt", false, PEM, null, ISSUER, "", true, SKEW))
                .hasMessageContaining("AUTH_JWT_AUDIENCE");
        assertThatCode(() -> new AuthProperties("jwt", false, PEM, null, ISSUER, "", false, SKEW))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAKeySetOverPlainHttpExceptOnLoopback() {
        for (String url : new String[] {"http://id.example/jwks", "http://10.0.0.5/jwks", "ftp://id.example/jwks",
                "http://localhost.evil.example/jwks"}) {
            assertThatThrownBy(() -> new AuthProperties("jwt", false, null, URI.create(url), ISSUER, "app", true, SKEW))
                    .as(url).hasMessageContaining("https");
        }
        for (String url : new String[] {"https://id.example/jwks", "http://127.0.0.1:8080/jwks",
                "http://localhost:9000/jwks", "http://[::1]:9000/jwks"}) {
            assertThatCode(() -> new AuthProperties("jwt", false, null, URI.create(url), ISSUER, "app", true, SKEW))
                    .as(url).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesAnUnreasonableClockSkew() {
        assertThatThrownBy(() -> new AuthProperties("jwt", false, PEM, null, ISSUER, "app", true, Duration.ofHours(1)))
                .hasMessageContaining("AUTH_JWT_CLOCK_SKEW");
    }
}
