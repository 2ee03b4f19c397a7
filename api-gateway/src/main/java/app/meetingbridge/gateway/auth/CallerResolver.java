package app.meetingbridge.gateway.auth;

import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.RateLimitProperties;
import app.meetingbridge.gateway.web.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@link Caller} of a request. Every endpoint gets its caller from here and nowhere else. With
 * {@code jwt}, a caller is signed in by a bearer token or an {@code X-API-Key}; neither means an anonymous caller,
 * a bad or expired token or an unknown key is refused with 401, and a token and a key of different users too.
 * Refused keys are counted per source address: beyond {@code RATE_LIMIT_API_KEY_FAILURES}, any key from there is
 * refused with 429 for a while. With {@code none}, a caller from another machine is refused with 403 unless remote
 * callers were allowed on purpose, and keys are not looked at.
 */
@Component
public class CallerResolver {

    private static final Logger log = LoggerFactory.getLogger(CallerResolver.class);
    private static final String BEARER = "Bearer ";
    static final String API_KEY_HEADER = "X-API-Key";
    static final String QUERY_TOKEN = "token";
    private static final int MAX_USER_ID = 64;
    private static final int REMEMBERED_USERS = 10_000;

    private final AuthProperties properties;
    private final @Nullable JwtVerifier jwt;
    private final UserRepository users;
    private final @Nullable ApiKeys apiKeys;
    private final @Nullable RateLimits keyFailures;
    private final Clock clock;
    private final Set<String> knownUsers = ConcurrentHashMap.newKeySet();

    CallerResolver(AuthProperties properties, UserRepository users, @Nullable ApiKeys apiKeys,
                   @Nullable RateLimitProperties limits, Clock clock) {
        this.properties = properties;
        this.jwt = properties.isJwt() ? new JwtVerifier(properties) : null;
        if (!properties.isJwt()) {
            log.warn("AUTH_BACKEND=none: authentication is off and every caller {} is the owner of everything",
                    properties.noneAllowRemote() ? "(from any address: AUTH_NONE_ALLOW_REMOTE=true)"
                            : "on this machine (callers from elsewhere are refused)");
        }
        this.users = users;
        this.apiKeys = apiKeys;
        this.keyFailures = properties.isJwt() && limits != null
                ? RateLimits.of("refused API keys", limits.apiKeyFailures()) : null;
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
        String apiKey = request.getHeader(API_KEY_HEADER);
        boolean hasToken = authorization != null && !authorization.isBlank();
        boolean hasKey = apiKey != null && !apiKey.isBlank();
        if (!hasToken && !hasKey) {
            return Caller.anonymous();
        }
        String keyOwner = hasKey ? keyOwner(apiKey.trim(), request.getRemoteAddr()) : null;
        if (!hasToken) {
            return Caller.user(keyOwner);
        }
        Caller tokenCaller = tokenCaller(authorization);
        if (keyOwner != null && !keyOwner.equals(tokenCaller.userId())) {
            throw unauthorized("Invalid authentication: more than one user provided");
        }
        return tokenCaller;
    }

    /**
     * The caller as {@link #resolve} finds them, or, with a non-blank {@code ?token=}, the user that token signs in
     * (verified as a bearer token: a bad or expired one is refused with 401, never ignored). A token naming
     * another user than the request's header or key is refused too. With {@code none} the token is not looked at.
     */
    public Caller resolveWithQueryToken(HttpServletRequest request) {
        Caller caller = resolve(request);
        String token = request.getParameter(QUERY_TOKEN);
        if (!properties.isJwt() || token == null || token.isBlank()) {
            return caller;
        }
        Caller tokenCaller = tokenCaller(BEARER + token.trim());
        if (!caller.isAnonymous() && !caller.userId().equals(tokenCaller.userId())) {
            throw unauthorized("Invalid authentication: more than one user provided");
        }
        return tokenCaller;
    }

    private Caller tokenCaller(String authorization) {
        if (!authorization.startsWith(BEARER)) {
            throw unauthorized("Authorization must be a Bearer token");
        }
        JwtVerifier.Identity identity;
        try {
            identity = jwt.verify(authorization.substring(BEARER.length()).trim());
        } catch (JwtVerifier.InvalidTokenException e) {
            throw unauthorized("Invalid or expired token");
        }
        String subject = identity.subject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_USER_ID) {
            throw unauthorized("Token subject missing or longer than " + MAX_USER_ID + " characters");
        }
        if (Caller.LOCAL_USER_ID.equals(subject)) {
            // what AUTH_BACKEND=none made belongs to that mode's local user, never to a token's user of that name
            throw unauthorized("Token subject " + Caller.LOCAL_USER_ID + " is reserved");
        }
        remember(subject);
        return Caller.user(subject, identity.email());
    }

    /** The owner of a presented key; an unknown key is refused and counted against its source address. */
    private String keyOwner(String apiKey, String sourceAddress) {
        keyFailures.refuseWhileExhausted(sourceAddress);
        Optional<String> owner = apiKeys.ownerOf(apiKey);
        if (owner.isEmpty()) {
            keyFailures.acquire(sourceAddress);
            throw unauthorized("Invalid API key");
        }
        return owner.get();
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
