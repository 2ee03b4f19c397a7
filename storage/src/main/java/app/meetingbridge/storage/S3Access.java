package app.meetingbridge.storage;

import org.jspecify.annotations.Nullable;

/**
 * Where an S3 API is and the key that signs requests to it: {@code endpoint} is an S3-compatible server (MinIO,
 * Garage, a test's), addressed path-style, or null for AWS itself; without an access key and its secret the default
 * credential chain is asked (instance role, environment, profile).
 */
public record S3Access(@Nullable String endpoint, String region, @Nullable String accessKeyId,
                       @Nullable String secretAccessKey) {

    /** Both the key's id and its secret are set. */
    public boolean hasKey() {
        return accessKeyId != null && !accessKeyId.isBlank() && secretAccessKey != null && !secretAccessKey.isBlank();
    }

    /** This access, with {@code fallback}'s key when it has none of its own (a bucket read with the key of another). */
    public S3Access orKeyOf(S3Access fallback) {
        return hasKey() || !fallback.hasKey() ? this
                : new S3Access(endpoint, region, fallback.accessKeyId(), fallback.secretAccessKey());
    }

    boolean hasEndpoint() {
        return endpoint != null && !endpoint.isBlank();
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "S3Access[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=" + (secretAccessKey == null ? null : "(hidden)") + "]";
    }
}
