package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.recording.RecordingReady;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code recording.ready} (binding {@code recordingReady-in-0}: quorum queue
 * {@code recordings.recording-worker}, delivery limit and dead-letter queue set in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class RecordingReadyListener {

    @Bean
    Consumer<RecordingReady> recordingReady(RecordingIntake intake) {
        return intake::register;
    }
}
