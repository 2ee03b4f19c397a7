package app.meetingbridge.gateway.auth;

import org.jspecify.annotations.Nullable;

/**
 * Who makes a request: a signed-in user, an anonymous visitor, or (with {@code AUTH_BACKEND=none}) the one
 * local user who owns everything.
 */
public record Caller(@Nullable String userId, boolean ownsEverything) {

    public static final String LOCAL_USER_ID = "local";

    public static Caller localOwner() {
        return new Caller(LOCAL_USER_ID, true);
    }

    public static Caller anonymous() {
        return new Caller(null, false);
    }

    public static Caller user(String userId) {
        return new Caller(userId, false);
    }

    public boolean isAnonymous() {
        return userId == null;
    }

    public boolean owns(String ownerId) {
        return ownsEverything || ownerId.equals(userId);
    }
}
