package app.meetingbridge.gateway.auth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How callers are authenticated; there is no default, so a gateway started without a choice refuses to start
 * rather than serving everyone as the owner of everything.
 * <ul>
 * <li>{@code AUTH_BACKEND=none}: every request is the one local user, who owns everything. For a development
 *     machine: only callers on this machine (loopback) are served, unless {@code AUTH_NONE_ALLOW_REMOTE=true}.</li>
 * <li>{@code AUTH_BACKEND=jwt}: RS256 bearer tokens checked against {@code AUTH_JWT_PUBLIC_KEY} (PEM) or the
 *     key set at {@code AUTH_JWT_JWKS_URL} (https; http only on loopback). The issuer must be
 *     {@code AUTH_JWT_ISSUER}; the audience must contain {@code AUTH_JWT_AUDIENCE} unless
 *     {@code AUTH_JWT_AUDIENCE_REQUIRED=false}; expiry and not-before are checked with {@code AUTH_JWT_CLOCK_SKEW}
 *     of tolerance. The token's {@code sub} is the user id.</li>
 * </ul>
 */
@ConfigurationProperties("app.auth")
record AuthProperties(@Nullable String backend, boolean noneAllowRemote, @Nullable String jwtPublicKey,
                      @Nullable URI jwtJwksUrl, @Nullable String jwtIssuer, @Nullable String jwtAudience,
                      boolean jwtAudienceRequired, Duration jwtClockSkew) {

    AuthProperties {
        if (isBlank(backend)) {
            throw new IllegalStateException("AUTH_BACKEND is not set: set AUTH_BACKEND=jwt (with AUTH_JWT_ISSUER, "
                    + "AUTH_JWT_AUDIENCE and AUTH_JWT_PUBLIC_KEY or AUTH_JWT_JWKS_URL), or AUTH_BACKEND=none on a "
                    + "development machine (then only callers on this machine are served)");
        }
        if (!"none".equals(backend) && !"jwt".equals(backend)) {
            throw new IllegalStateException("AUTH_BACKEND must be none or jwt, not " + backend);
        }
        if (isJwt(backend)) {
            if (isBlank(jwtPublicKey) && isBlank(jwtJwksUrl)) {
                throw new IllegalStateException("AUTH_BACKEND=jwt needs AUTH_JWT_PUBLIC_KEY or AUTH_JWT_JWKS_URL");
            }
            if (isBlank(jwtIssuer)) {
                throw new IllegalStateException("AUTH_BACKEND=jwt needs AUTH_JWT_ISSUER, the issuer (iss) its tokens carry");
            }
            if (jwtAudienceRequired && isBlank(jwtAudience)) {
                throw new IllegalStateException("AUTH_BACKEND=jwt needs AUTH_JWT_AUDIENCE, the audience (aud) its tokens "
                        + "carry, or AUTH_JWT_AUDIENCE_REQUIRED=false to accept tokens for any audience");
            }
            if (isBlank(jwtPublicKey) && !isHttpsOrLoopback(jwtJwksUrl)) {
                throw new IllegalStateException("AUTH_JWT_JWKS_URL must be an https URL (http only for a loopback "
                        + "address), not " + jwtJwksUrl);
            }
        }
        if (jwtClockSkew == null || jwtClockSkew.isNegative() || jwtClockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalStateException("AUTH_JWT_CLOCK_SKEW must be between 0 and 10 minutes, not " + jwtClockSkew);
        }
    }

    boolean isJwt() {
        return isJwt(backend);
    }

    private static boolean isJwt(@Nullable String backend) {
        return "jwt".equals(backend);
    }

    private static boolean isHttpsOrLoopback(URI url) {
        if ("https".equalsIgnoreCase(url.getScheme()) && url.getHost() != null) {
            return true;
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            return false;
        }
        String host = url.getHost();
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name other than localhost: its address could change, so no exception for it
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isBlank(@Nullable Object value) {
        return value == null || value.toString().isBlank();
    }
}
