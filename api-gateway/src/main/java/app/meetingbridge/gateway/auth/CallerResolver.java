package app.meetingbridge.gateway.auth;

import app.meetingbridge.gateway.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@link Caller} of a request. Every endpoint gets its caller from here and nowhere else. With
 * {@code jwt}, no token means an anonymous caller and a bad or expired token is refused with 401. With
 * {@code none}, a caller from another machine is refused with 403 unless remote callers were allowed on purpose.
 */
@Component
public class CallerResolver {

    private static final Logger log = LoggerFactory.getLogger(CallerResolver.class);
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
        this.jwt = properties.isJwt() ? new JwtVerifier(properties) : null;
        if (!properties.isJwt()) {
            log.warn("AUTH_BACKEND=none: authentication is off and every caller {} is the owner of everything",
                    properties.noneAllowRemote() ? "(from any address: AUTH_NONE_ALLOW_REMOTE=true)"
                            : "on this machine (callers from elsewhere are refused)");
        }
        this.users = users;
        this.clock = clock;
    }

    public Caller resolve(HttpServletRequest request) {
        if (!properties.isJwt()) {
            if (!properties.noneAllowRemote() && !isLoopback(request.getRemoteAddr())) {
                throw new ApiException(HttpStatus.FORBIDDEN,
                        "Authentication is off on this server: it serves callers on its own machine only", null);
            }
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
        if (Caller.LOCAL_USER_ID.equals(subject)) {
            // what AUTH_BACKEND=none made belongs to that mode's local user, never to a token's user of that name
            throw unauthorized("Token subject " + Caller.LOCAL_USER_ID + " is reserved");
        }
        remember(subject);
        return Caller.user(subject);
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
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
