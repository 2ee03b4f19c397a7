package app.meetingbridge.gateway.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of one live socket: {@code LIVE_SEND_TIMEOUT} (default 10 s), the longest one message may take to reach a
 * browser, and {@code LIVE_SEND_BUFFER} (default 4 MB), the most text waiting for it (the stored log replayed on
 * connect included). A socket past either is closed (code 4500), never buffered without bound; the browser
 * reconnects and is sent the log again. {@code LIVE_SEND_THREADS} (default 64) threads write to the sockets, each
 * socket's messages one after the other; a client that takes nothing holds one of them for at most the send timeout.
 */
@ConfigurationProperties("app.live")
record LiveProperties(@DefaultValue("10s") Duration sendTimeout, @DefaultValue("4MB") DataSize sendBuffer,
                      @DefaultValue("64") int sendThreads) {

    LiveProperties {
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalStateException("LIVE_SEND_TIMEOUT must be positive, not " + sendTimeout);
        }
        if (sendThreads < 1) {
            throw new IllegalStateException("LIVE_SEND_THREADS must be at least 1, not " + sendThreads);
        }
        if (sendBuffer.toBytes() < 1024) {
            throw new IllegalStateException("LIVE_SEND_BUFFER must be at least 1KB, not " + sendBuffer);
        }
    }
}
