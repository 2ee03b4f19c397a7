package app.meetingbridge.recordings.recording;

import app.meetingbridge.messaging.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retries of a recording whose step failed: the first after {@code firstRetry}, each next one after twice the last,
 * at most {@code longestRetry}, {@code maxAttempts} in all before its message goes to the dead-letter queue
 * ({@code RECORDING_RETRY_FIRST}, {@code RECORDING_RETRY_LONGEST}, {@code RECORDING_MAX_ATTEMPTS}; by default
 * 30 s doubling up to an hour, eight attempts: about an hour of trying). A refused consent whose deletions the
 * storage failed is taken again every {@code outagePause}, {@code outageRetries} times ({@code RECORDING_OUTAGE_PAUSE},
 * {@code RECORDING_OUTAGE_RETRIES}; 30 s, 20 times: a ten-minute storage outage), then goes to the dead-letter queue.
 * A database outage is not the recording's failure and counts nothing here ({@code OutageRetry} holds the message
 * through it).
 */
@ConfigurationProperties("app.recordings.retry")
record RecordingRetryProperties(Duration firstRetry, Duration longestRetry, int maxAttempts, Duration outagePause,
                                int outageRetries) {

    RecordingRetryProperties {
        firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        longestRetry = longestRetry == null ? Duration.ofHours(1) : longestRetry;
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
        outagePause = outagePause == null ? Duration.ofSeconds(30) : outagePause;
        outageRetries = outageRetries <= 0 ? 20 : outageRetries;
    }

    /** The pause after failed attempt number {@code attempt}, or null when it was the last. */
    Duration pauseAfter(int attempt) {
        if (attempt >= maxAttempts) {
            return null;
        }
        return Backoff.doubling(firstRetry, longestRetry, attempt);
    }
}
