package app.meetingbridge.gateway.transcript;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The transcript storage the recording-worker writes audio to ({@code S3_ENDPOINT},
 * {@code TRANSCRIPT_STORAGE_AWS_BUCKET_NAME/REGION/ACCESS_KEY_ID/SECRET_ACCESS_KEY}, as for the worker).
 */
@ConfigurationProperties("app.storage")
record AudioStorageProperties(@Nullable String endpoint, @Nullable String bucket, String region,
                              @Nullable String accessKeyId, @Nullable String secretAccessKey) {

    boolean configured() {
        return bucket != null && !bucket.isBlank();
    }
}
