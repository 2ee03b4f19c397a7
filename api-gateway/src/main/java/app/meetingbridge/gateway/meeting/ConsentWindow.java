package app.meetingbridge.gateway.meeting;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * When a meeting takes consent decisions: while it goes on, and for a grace period after it ended (a participant who
 * answers late, a page left open). A meeting ends at its end date, or sooner when it was closed (by its owner, or
 * after standing empty). The close itself is not dated, so a meeting closed early counts as ended at the last sign of
 * it: the last hand-out, join or leave, the end of the provider's session or the deletion of its provider room,
 * whichever came last.
 */
record ConsentWindow(boolean active, Instant endDate, Instant lastActivityAt, @Nullable Instant sessionEndedAt,
                     @Nullable Instant providerRoomDeletedAt) {

    /** When the meeting ended; empty while it goes on. */
    Optional<Instant> endedAt(Instant now) {
        if (active) {
            return endDate.isAfter(now) ? Optional.empty() : Optional.of(endDate);
        }
        Instant lastSign = Stream.of(lastActivityAt, sessionEndedAt, providerRoomDeletedAt)
                .filter(at -> at != null).max(Instant::compareTo).orElse(lastActivityAt);
        return Optional.of(lastSign.isBefore(endDate) ? lastSign : endDate);
    }

    /** Whether a decision made {@code now} is taken: the meeting goes on, or ended at most {@code grace} ago. */
    boolean takesDecisionsAt(Instant now, Duration grace) {
        return endedAt(now).map(ended -> !now.isAfter(ended.plus(grace))).orElse(true);
    }
}
