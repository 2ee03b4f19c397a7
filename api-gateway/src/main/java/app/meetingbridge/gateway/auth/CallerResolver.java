package app.meetingbridge.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** Resolves the {@link Caller} of a request. Every endpoint gets its caller from here and nowhere else. */
@Component
public class CallerResolver {

    private final AuthProperties properties;

    CallerResolver(AuthProperties properties) {
        this.properties = properties;
    }

    public Caller resolve(HttpServletRequest request) {
        return switch (properties.backend()) {
            case "none" -> Caller.localOwner();
            default -> throw new IllegalStateException("unsupported auth backend " + properties.backend());
        };
    }
}
