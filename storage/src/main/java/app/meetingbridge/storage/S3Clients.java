package app.meetingbridge.storage;

import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Makes the S3 clients of every service the same way ({@link S3Access}): the region; the endpoint, path-style, when
 * one is set; the access key, or the default credential chain without one; checksums only where S3 requires them
 * (S3-compatible servers take plain requests, and AWS computes what it needs either way).
 */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client client(S3Access access) {
        return client(access, builder -> {
        });
    }

    /** A client, with {@code tuning} applied last (a service's own signing choice, say). */
    public static S3Client client(S3Access access, Consumer<S3ClientBuilder> tuning) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(access.region()))
                .credentialsProvider(credentials(access))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (access.hasEndpoint()) {
            builder.endpointOverride(URI.create(access.endpoint())).forcePathStyle(true);
        }
        tuning.accept(builder);
        return builder.build();
    }

    /** Signs links to objects, with the same endpoint, addressing and key as {@link #client(S3Access)}. */
    public static S3Presigner presigner(S3Access access) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(access.region()))
                .credentialsProvider(credentials(access));
        if (access.hasEndpoint()) {
            builder.endpointOverride(URI.create(access.endpoint()))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    /** The access key, or the default chain (instance role, environment, profile) without one. */
    static AwsCredentialsProvider credentials(S3Access access) {
        if (!access.hasKey()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(access.accessKeyId(),
                access.secretAccessKey()));
    }
}
