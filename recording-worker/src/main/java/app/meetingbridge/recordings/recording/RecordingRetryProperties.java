package app.meetingbridge.recordings.recording;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retries of a recording whose step failed: the first after {@code firstRetry}, each next one after twice the last,
 * at most {@code longestRetry}, {@code maxAttempts} in all before its message goes to the dead-letter queue
 * ({@code RECORDING_RETRY_FIRST}, {@code RECORDING_RETRY_LONGEST}, {@code RECORDING_MAX_ATTEMPTS}; by default
 * 30 s doubling up to an hour, eight attempts: about an hour of trying).
 */
@ConfigurationProperties("app.recordings.retry")
record RecordingRetryProperties(Duration firstRetry, Duration longestRetry, int maxAttempts) {

    RecordingRetryProperties {
        firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofHours(1) : longestRetry;
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
    }

    /** The pause after failed attempt number {@code attempt}, or null when it was the last. */
    Duration pauseAfter(int attempt) {
        if (attempt >= maxAttempts) {
            return null;
        }
        Duration pause = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        return pause.compareTo(longestRetry) > 0 ? longestRetry : pause;
    }
}
