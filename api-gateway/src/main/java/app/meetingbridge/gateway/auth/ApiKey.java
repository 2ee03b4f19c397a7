package app.meetingbridge.gateway.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A user's API key as stored: never the key itself, only who it is for and when it was made. */
record ApiKey(String id, String userId, @Nullable String name, Instant createdAt) {
}
