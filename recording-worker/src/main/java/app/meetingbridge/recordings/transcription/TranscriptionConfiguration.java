package app.meetingbridge.recordings.transcription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TranscriptionConfiguration {

    @Bean
    TranscriptionBackend transcriptionBackend(TranscriptionProperties properties) {
        return new TranscriptionBackend(properties);
    }
}
