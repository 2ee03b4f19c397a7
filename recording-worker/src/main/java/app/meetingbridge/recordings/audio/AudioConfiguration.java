package app.meetingbridge.recordings.audio;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AudioConfiguration {

    @Bean
    Ffmpeg ffmpeg(AudioProperties properties) {
        return new Ffmpeg(properties.ffmpegPath(), properties.timeout().toSeconds());
    }
}
