package app.meetingbridge.gateway.auth;

import app.meetingbridge.gateway.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@link Caller} of a request. Every endpoint gets its caller from here and nowhere else. With
 * {@code jwt}, no token means an anonymous caller and a bad or expired token is refused with 401.
 */
@Component
public class CallerResolver {

    private static final String BEARER = "Bearer ";
    private static final int MAX_USER_ID = 64;
    private static final int REMEMBERED_USERS = 10_000;

    private final AuthProperties properties;
    private final JwtVerifier jwt;
    private final UserRepository users;
    private final Clock clock;
    private final Set<String> knownUsers = ConcurrentHashMap.newKeySet();

    CallerResolver(AuthProperties properties, UserRepository users, Clock clock) {
        this.properties = properties;
        this.jwt = "jwt".equals(properties.backend()) ? new JwtVerifier(properties) : null;
        this.users = users;
        this.clock = clock;
    }

    public Caller resolve(HttpServletRequest request) {
        if ("none".equals(properties.backend())) {
            return Caller.localOwner();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return Caller.anonymous();
        }
        if (!authorization.startsWith(BEARER)) {
            throw unauthorized("Authorization must be a Bearer token");
        }
        String subject;
        try {
            subject = jwt.subject(authorization.substring(BEARER.length()).trim());
        } catch (JwtVerifier.InvalidTokenException e) {
            throw unauthorized("Invalid or expired token");
        }
        if (subject == null || subject.isBlank() || subject.length() > MAX_USER_ID) {
            throw unauthorized("Token subject missing or longer than " + MAX_USER_ID + " characters");
        }
        remember(subject);
        return Caller.user(subject);
    }

    private void remember(String userId) {
        if (knownUsers.contains(userId)) {
            return;
        }
        users.ensure(userId, clock.instant());
        if (knownUsers.size() >= REMEMBERED_USERS) {
            knownUsers.clear();
        }
        knownUsers.add(userId);
    }

    private static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, detail, null);
    }
}
