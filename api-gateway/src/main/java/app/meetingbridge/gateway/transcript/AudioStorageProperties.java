package app.meetingbridge.gateway.transcript;

import app.meetingbridge.storage.S3Access;
import app.meetingbridge.storage.S3Clients;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transcript storage the recording-worker writes audio to ({@code S3_ENDPOINT},
 * {@code TRANSCRIPT_STORAGE_AWS_BUCKET_NAME/REGION/ACCESS_KEY_ID/SECRET_ACCESS_KEY}, as for the worker); uploads
 * are stored there too.
 */
@ConfigurationProperties("app.storage")
public record AudioStorageProperties(@Nullable String endpoint, @Nullable String bucket, String region,
                                     @Nullable String accessKeyId, @Nullable String secretAccessKey) {

    public boolean configured() {
        return bucket != null && !bucket.isBlank();
    }

    /** A client of the storage, made as every service makes its S3 clients ({@link S3Clients}). */
    public S3Client client() {
        return S3Clients.client(new S3Access(endpoint, region, accessKeyId, secretAccessKey));
    }
}
