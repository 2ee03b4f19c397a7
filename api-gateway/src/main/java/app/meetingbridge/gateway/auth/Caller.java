package app.meetingbridge.gateway.auth;

import org.jspecify.annotations.Nullable;

/**
 * Who makes a request: a signed-in user, an anonymous visitor, or (with {@code AUTH_BACKEND=none}) the one
 * local user who owns everything. The email is the one the caller's token carries, if any (API keys carry none).
 */
public record Caller(@Nullable String userId, boolean ownsEverything, @Nullable String email) {

    public static final String LOCAL_USER_ID = "local";

    public static Caller localOwner() {
        return new Caller(LOCAL_USER_ID, true, null);
    }

    public static Caller anonymous() {
        return new Caller(null, false, null);
    }

    public static Caller user(String userId) {
        return new Caller(userId, false, null);
    }

    public static Caller user(String userId, @Nullable String email) {
        return new Caller(userId, false, email);
    }

    public boolean isAnonymous() {
        return userId == null;
    }

    public boolean owns(String ownerId) {
        return ownsEverything || ownerId.equals(userId);
    }
}
