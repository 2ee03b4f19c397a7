package app.meetingbridge.recordings.audio;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where ffmpeg and ffprobe are ({@code FFMPEG_PATH}, a folder; empty: the PATH) and how long one run may take. */
@ConfigurationProperties("app.audio")
public record AudioProperties(String ffmpegPath, Duration timeout) {

    public AudioProperties {
        ffmpegPath = ffmpegPath == null ? "" : ffmpegPath;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
    }
}
