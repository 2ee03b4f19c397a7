package app.meetingbridge.recordings.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The S3 store, once the transcript storage bucket is configured ({@code TRANSCRIPT_STORAGE_AWS_BUCKET_NAME}). */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${app.storage.transcripts.name:}'.isBlank()")
    S3RecordingStore recordingStore(StorageProperties properties) {
        properties.sources().forEach((platform, bucket) -> log.info("recordings of {} are read from {}", platform,
                bucket.configured() ? bucket.name() + "/" + bucket.keyFolder() : "(not configured)"));
        return new S3RecordingStore(properties);
    }
}
