package app.meetingbridge.gateway.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link Caller} parameter: the caller may also sign in with {@code ?token=<jwt>}, for clients that cannot
 * send a header (an {@code <audio>} element's source). The token is verified exactly as a bearer token is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TokenInQuery {
}
