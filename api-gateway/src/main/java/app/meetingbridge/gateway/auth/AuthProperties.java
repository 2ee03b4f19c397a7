package app.meetingbridge.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code AUTH_BACKEND}: {@code none} (every request is the local owner) or {@code jwt}. */
@ConfigurationProperties("app.auth")
record AuthProperties(String backend) {

    AuthProperties {
        if (!"none".equals(backend)) {
            throw new IllegalStateException("AUTH_BACKEND=" + backend + " is not supported by this version; use AUTH_BACKEND=none");
        }
    }
}
