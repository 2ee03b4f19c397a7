package app.meetingbridge.meetings.recordings;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a pass of a recordings poller has found so far, and where its high-water mark goes when the pass is done:
 * to the newest recording it announced, but never past the oldest one it saw unfinished (the next pass looks at
 * that one again). A pass starts from the mark it had, so finding nothing leaves the mark where it was.
 */
record PollProgress(Instant newestAnnounced, @Nullable Instant oldestUnfinished) {

    static PollProgress from(Instant mark) {
        return new PollProgress(mark, null);
    }

    PollProgress announced(Instant startedAt) {
        return startedAt.isAfter(newestAnnounced) ? new PollProgress(startedAt, oldestUnfinished) : this;
    }

    PollProgress unfinished(Instant startedAt) {
        return oldestUnfinished == null || startedAt.isBefore(oldestUnfinished)
                ? new PollProgress(newestAnnounced, startedAt) : this;
    }

    /** The high-water mark once the pass has reached the old one. */
    Instant nextMark() {
        return oldestUnfinished != null && oldestUnfinished.isBefore(newestAnnounced) ? oldestUnfinished
                : newestAnnounced;
    }
}
