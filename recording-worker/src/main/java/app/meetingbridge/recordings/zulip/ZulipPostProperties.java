package app.meetingbridge.recordings.zulip;

import app.meetingbridge.messaging.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Posting ended transcripts to Zulip while Zulip is unavailable: the first retry after {@code firstRetry}, each next
 * one after twice the last, at most {@code longestRetry}, {@code maxAttempts} in all.
 */
@ConfigurationProperties("app.zulip-posts")
record ZulipPostProperties(Duration firstRetry, Duration longestRetry, int maxAttempts) {

    ZulipPostProperties {
        firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofHours(1) : longestRetry;
        maxAttempts = maxAttempts <= 0 ? 30 : maxAttempts;
    }

    /** The pause before attempt {@code attempt + 1}. */
    Duration pauseAfter(int attempt) {
        return Backoff.doubling(firstRetry, longestRetry, attempt);
    }
}
