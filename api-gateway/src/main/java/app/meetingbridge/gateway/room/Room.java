package app.meetingbridge.gateway.room;

import app.meetingbridge.gateway.auth.Caller;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A room. {@code is_shared} only affects listing and reading by id; anyone who knows a room's name may use it
 * (anonymous callers too, as in Reflector). Only the owner sees its webhook settings.
 */
public record Room(String id, String ownerId, Instant createdAt, RoomSettings settings, @Nullable Instant icsLastSync,
                   @Nullable String icsLastEtag) {

    public boolean ownedBy(Caller caller) {
        return caller.owns(ownerId);
    }

    boolean visibleTo(Caller caller) {
        return settings.isShared() || ownedBy(caller);
    }

    public String name() {
        return settings.name();
    }
}
