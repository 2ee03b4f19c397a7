package app.meetingbridge.gateway.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one live socket: {@code LIVE_SEND_TIMEOUT} (default 10 s), the longest one message may take to reach a
 * browser, and {@code LIVE_SEND_BUFFER} (default 4 MB), the most text waiting for it (the stored log replayed on
 * connect included). A socket past either is closed (code 4500), never buffered without bound; the browser
 * reconnects and is sent the log again.
 */
@ConfigurationProperties("app.live")
record LiveProperties(@DefaultValue("10s") Duration sendTimeout, @DefaultValue("4MB") DataSize sendBuffer) {

    LiveProperties {
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalStateException("LIVE_SEND_TIMEOUT must be positive, not " + sendTimeout);
        }
        if (sendBuffer.toBytes() < 1024) {
            throw new IllegalStateException("LIVE_SEND_BUFFER must be at least 1KB, not " + sendBuffer);
        }
    }
}
