package app.meetingbridge.gateway.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One socket following a transcript: it is subscribed before the stored log is read, holds the live events that
 * arrive meanwhile, and once the log is sent passes on the live events it did not send yet, in the order they
 * arrive (the order the log was written in: each service sends its events in that order on one channel), each
 * once (an event's {@code seq} is its row in the log). A socket that falls too far behind while the log is being
 * read is dropped like any slow one.
 */
final class Follower {

    static final int MAX_HELD = 10_000;

    private final Outlet outlet;
    private @Nullable List<Held> held = new ArrayList<>();
    private final Set<Long> sent = new HashSet<>();

    Follower(Outlet outlet) {
        this.outlet = outlet;
    }

    Outlet outlet() {
        return outlet;
    }

    /** A live event: held while the log is replayed, else sent unless the socket already had it. */
    synchronized void live(@Nullable Long seq, String message) {
        if (held != null) {
            if (held.size() >= MAX_HELD) {
                outlet.drop("more than " + MAX_HELD + " live events while its log was read");
                return;
            }
            held.add(new Held(seq, message));
            return;
        }
        pass(seq, message);
    }

    /** The stored log, oldest first; then what arrived meanwhile and was not in it. */
    synchronized void replayed(List<Held> log) {
        for (Held event : log) {
            pass(event.seq(), event.message());
        }
        List<Held> meanwhile = held;
        held = null;
        if (meanwhile != null) {
            for (Held event : meanwhile) {
                pass(event.seq(), event.message());
            }
        }
    }

    private void pass(@Nullable Long seq, String message) {
        if (seq != null && !sent.add(seq)) {
            return;
        }
        outlet.offer(message);
    }

    record Held(@Nullable Long seq, String message) {
    }
}
