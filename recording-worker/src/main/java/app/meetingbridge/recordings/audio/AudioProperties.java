package app.meetingbridge.recordings.audio;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which ffmpeg runs ({@code FFMPEG_PATH}: the binary, or a folder holding {@code ffmpeg}; empty: the one that comes
 * with the worker, or on a platform it does not come for, {@code ffmpeg} on the PATH) and how long one run may take.
 */
@ConfigurationProperties("app.audio")
public record AudioProperties(String ffmpegPath, Duration timeout) {

    public AudioProperties {
        ffmpegPath = ffmpegPath == null ? "" : ffmpegPath.trim();
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
    }
}
