package app.meetingbridge.recordings.storage;

import app.meetingbridge.storage.S3Access;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where recordings come from and go to. {@code endpoint} ({@code S3_ENDPOINT}) points every client at an
 * S3-compatible server, path-style. {@code transcripts} is the transcript storage bucket
 * ({@code TRANSCRIPT_STORAGE_AWS_*}); {@code sources} are the provider buckets the worker may read, by platform
 * wire name, each with the folder its objects must be in ({@link Bucket#keyFolder()}), and its own read credential
 * when it has one (otherwise the transcript storage credential, otherwise the default AWS credential chain).
 * {@code serverSideCopy} ({@code RECORDING_FETCH_SERVER_SIDE_COPY}, on unless set) lets the server copy an object
 * when one credential reads the provider bucket and writes ours, instead of streaming it through the worker.
 */
@ConfigurationProperties("app.storage")
public record StorageProperties(@Nullable String endpoint, Bucket transcripts, Map<String, Bucket> sources,
                                int partSizeMib, @DefaultValue("true") boolean serverSideCopy) {

    public StorageProperties {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        partSizeMib = partSizeMib <= 0 ? 8 : partSizeMib;
    }

    /** A bucket, its region, the folder every key of ours in it is under, and an optional access key. */
    public record Bucket(@Nullable String name, String region, @Nullable String prefix, @Nullable String accessKeyId,
                         @Nullable String secretAccessKey) {

        public boolean configured() {
            return name != null && !name.isBlank();
        }

        /**
         * The folder every key of ours in the bucket is under: the prefix as given, ending with {@code /} (so that
         * {@code room-1} is {@code room-1/} and never takes in {@code room-10/...}); empty for the whole bucket.
         */
        public String keyFolder() {
            return S3RecordingStore.folder(prefix == null ? "" : prefix);
        }

        boolean hasCredential() {
            return access(null).hasKey();
        }

        /** How a client reaches the bucket, at {@code endpoint} (null: AWS itself). */
        S3Access access(@Nullable String endpoint) {
            return new S3Access(endpoint, region, accessKeyId, secretAccessKey);
        }
    }
}
