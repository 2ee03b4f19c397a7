package app.meetingbridge.recordings.diarization;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DiarizationConfiguration {

    @Bean
    Diarizer diarizer(DiarizationProperties properties) {
        return new Diarizer(properties);
    }
}
