package app.meetingbridge.meetings.provider.whereby;

import app.meetingbridge.meetings.provider.RequiredSettings;
import app.meetingbridge.meetings.provider.ResilienceProperties;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whereby settings: {@code WHEREBY_API_KEY}, {@code WHEREBY_API_URL}, {@code WHEREBY_WEBHOOK_SECRET} and the bucket
 * Whereby records into with the keys handed to it: {@code WHEREBY_STORAGE_AWS_BUCKET_NAME/REGION/ACCESS_KEY_ID/SECRET_ACCESS_KEY};
 * {@code WHEREBY_LOGO_PATH}, a PNG or JPEG put on every new room when set (read and checked once, at start-up); the SQS queue its bucket's S3 events go to
 * ({@code AWS_PROCESS_RECORDING_QUEUE_URL}), when there is one; {@code S3_ENDPOINT}, an S3-compatible server to reach
 * the bucket at instead of AWS (path-style).
 */
@ConfigurationProperties("app.providers.whereby")
record WherebyProperties(String apiKey, URI apiUrl, String webhookSecret, String storageBucket, String storageRegion,
                         String storageAccessKeyId, String storageSecretAccessKey, String logoPath,
                         ResilienceProperties resilience, WherebyRecordingQueue.RecordingQueue recordingQueue,
                         String storageEndpoint) {

    void requireComplete() {
        String enabled = "Whereby is enabled (WHEREBY_API_KEY is set)";
        RequiredSettings.require(storageBucket, "WHEREBY_STORAGE_AWS_BUCKET_NAME", enabled);
        RequiredSettings.require(storageAccessKeyId, "WHEREBY_STORAGE_AWS_ACCESS_KEY_ID", enabled);
        RequiredSettings.require(storageSecretAccessKey, "WHEREBY_STORAGE_AWS_SECRET_ACCESS_KEY", enabled);
    }
}
