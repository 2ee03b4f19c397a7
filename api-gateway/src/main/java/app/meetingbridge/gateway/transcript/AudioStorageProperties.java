package app.meetingbridge.gateway.transcript;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
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

    /** A client of the storage (path-style at the endpoint when one is set; the default credentials without a key). */
    public S3Client client() {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(accessKeyId == null || accessKeyId.isBlank()
                        ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }
}
