package app.meetingbridge.recordings.upload;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.UploadCompleted;
import app.meetingbridge.messaging.OutageRetry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds {@code upload.completed} (binding {@code uploadCompleted-in-0}: quorum queue {@code recordings.uploads},
 * delivery limit and dead-letter queue in application.yml). A database (or broker) outage is waited out
 * ({@link OutageRetry}); any other failure is tried again by the binding, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class UploadCompletedListener {

    static final String QUEUE = Topology.RECORDINGS_EXCHANGE + "." + Topology.UPLOAD_WORKER_GROUP;

    @Bean
    Consumer<Message<byte[]>> uploadCompleted(UploadAssembly uploads, OutageRetry outages, JsonMapper json) {
        return message -> outages.handle(QUEUE, message.getPayload(), message.getHeaders(),
                () -> uploads.assemble(json.readValue(message.getPayload(), UploadCompleted.class)));
    }
}
