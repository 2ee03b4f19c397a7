package app.meetingbridge.recordings.audio;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether ffmpeg still runs (part of readiness): the check the worker passed at start-up, repeated at most once a
 * minute, so that a binary removed under a running worker (a temporary folder cleaned, say) shows here before a
 * recording fails on it.
 */
class FfmpegHealthIndicator implements HealthIndicator {

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final Ffmpeg ffmpeg;
    private final Clock clock;
    private Health last;
    private Instant checkedAt;

    FfmpegHealthIndicator(Ffmpeg ffmpeg, String version, Clock clock) {
        this.ffmpeg = ffmpeg;
        this.clock = clock;
        this.last = up(version);
        this.checkedAt = clock.instant();
    }

    @Override
    public synchronized Health health() {
        if (clock.instant().isAfter(checkedAt.plus(RECHECK))) {
            try {
                last = up(ffmpeg.check());
            } catch (IOException e) {
                last = Health.down().withDetail("executable", ffmpeg.executable())
                        .withDetail("error", e.getMessage()).build();
            }
            checkedAt = clock.instant();
        }
        return last;
    }

    private Health up(String version) {
        return Health.up().withDetail("executable", ffmpeg.executable()).withDetail("version", version).build();
    }
}
