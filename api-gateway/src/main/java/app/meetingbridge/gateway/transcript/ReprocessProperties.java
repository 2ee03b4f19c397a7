package app.meetingbridge.gateway.transcript;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reprocessing: {@code REPROCESS_CLAIM_TIMEOUT} (default 2 h), how long a transcript claimed for processing is
 * left to the worker before another request may claim it again (a lost message, a worker down, a recording gone).
 * A normal run takes minutes; the default stays well past the worker's own limits for one attempt (30 min per
 * ffmpeg run, 10 min per track's transcription, 10 min of database-outage pauses), after which a failed attempt
 * gives the claim up by itself ({@code error}).
 */
@ConfigurationProperties("app.transcripts")
record ReprocessProperties(@DefaultValue("2h") Duration reprocessClaimTimeout) {

    ReprocessProperties {
        if (reprocessClaimTimeout.isNegative() || reprocessClaimTimeout.isZero()) {
            throw new IllegalStateException("REPROCESS_CLAIM_TIMEOUT must be positive, not " + reprocessClaimTimeout);
        }
    }
}
