package app.meetingbridge.recordings.recording;

import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds the recordings queue (binding {@code recordingReady-in-0}: quorum queue {@code recordings.recording-worker}
 * bound to {@code recording.ready}, {@code recording.reprocess} and {@code consent.refused}, dead-letter queue set in
 * application.yml); each message is taken by {@link RecordingMessages}, which says what becomes of one that fails.
 */
@Configuration(proxyBeanMethods = false)
class RecordingReadyListener {

    @Bean
    Consumer<Message<byte[]>> recordingReady(RecordingMessages messages) {
        return messages::take;
    }
}
