package app.meetingbridge.recordings.audio;

import app.meetingbridge.ffmpeg.ShippedFfmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AudioConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AudioConfiguration.class);

    /** The ffmpeg to use, checked once at start-up: one that does not run stops the worker here. */
    @Bean
    Ffmpeg ffmpeg(AudioProperties properties) {
        return new Ffmpeg(executable(properties.ffmpegPath()), properties.timeout().toSeconds());
    }

    @Bean
    FfmpegHealthIndicator ffmpegHealthIndicator(Ffmpeg ffmpeg, AudioProperties properties, Clock clock) {
        String version;
        try {
            version = ffmpeg.check();
        } catch (IOException e) {
            String configured = properties.ffmpegPath();
            throw new FfmpegUnavailableException((configured.isEmpty() ? ffmpeg.executable() : "FFMPEG_PATH="
                    + configured) + " " + e.getMessage(), e);
        }
        log.info("ffmpeg: {} ({})", ffmpeg.executable(), version);
        return new FfmpegHealthIndicator(ffmpeg, version, clock);
    }

    /** {@code FFMPEG_PATH} as given (a folder means its {@code ffmpeg}), else the shipped one, else the PATH's. */
    static String executable(String configured) {
        if (configured.isEmpty()) {
            return ShippedFfmpeg.command();
        }
        Path path = Path.of(configured);
        return Files.isDirectory(path) ? path.resolve("ffmpeg").toString() : configured;
    }
}
