package app.meetingbridge.gateway.auth;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code AUTH_BACKEND}: {@code none} (every request is the one local user, who owns everything) or {@code jwt}
 * (RS256 bearer tokens checked against {@code AUTH_JWT_PUBLIC_KEY} (PEM) or {@code AUTH_JWT_JWKS_URL}, with
 * audience {@code AUTH_JWT_AUDIENCE} when set; the token's {@code sub} is the user id).
 */
@ConfigurationProperties("app.auth")
record AuthProperties(String backend, @Nullable String jwtPublicKey, @Nullable URI jwtJwksUrl,
                      @Nullable String jwtAudience) {

    AuthProperties {
        if (!"none".equals(backend) && !"jwt".equals(backend)) {
            throw new IllegalStateException("AUTH_BACKEND must be none or jwt, not " + backend);
        }
        if ("jwt".equals(backend) && isBlank(jwtPublicKey) && (jwtJwksUrl == null || jwtJwksUrl.toString().isBlank())) {
            throw new IllegalStateException("AUTH_BACKEND=jwt needs AUTH_JWT_PUBLIC_KEY or AUTH_JWT_JWKS_URL");
        }
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
