package app.meetingbridge.meetings.provider.whereby;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.RecordingBucket;
import app.meetingbridge.meetings.provider.StoredRecording;
import app.meetingbridge.storage.S3Access;
import app.meetingbridge.storage.S3Clients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket Whereby records into (with the keys we hand it): its recordings as S3 objects, named
 * {@code {room name without "/"}-{start, ISO 8601}….mp4}, which is how a recording is mapped back to its meeting.
 * {@code S3_ENDPOINT} points it at an S3-compatible server, path-style.
 */
@Component
@ConditionalOnExpression("'${app.providers.whereby.api-key:}' != ''")
public class WherebyRecordingsBucket implements RecordingBucket, AutoCloseable {

    private static final Pattern KEY = Pattern.compile(
            "^(?:.*/)?(.+?)-(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)");
    private static final List<String> MEDIA = List.of(".mp4", ".mkv", ".webm");

    private final String bucket;
    private final S3Client s3;

    WherebyRecordingsBucket(WherebyProperties properties) {
        this.bucket = properties.storageBucket();
        this.s3 = S3Clients.client(new S3Access(properties.storageEndpoint(),
                properties.storageRegion() == null || properties.storageRegion().isBlank()
                        ? "us-east-1" : properties.storageRegion(),
                properties.storageAccessKeyId(), properties.storageSecretAccessKey()));
    }

    @Override
    public Platform platform() {
        return Platform.WHEREBY;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    /** The recordings (media objects) written at or after {@code since}, oldest first. */
    @Override
    public List<StoredRecording> recordingsSince(Instant since) {
        List<StoredRecording> found = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents()) {
                if (object.lastModified().isBefore(since) || !isMedia(object.key())) {
                    continue;
                }
                found.add(recording(object.key(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw new ProviderUnavailableException("the Whereby bucket " + bucket + " could not be listed: "
                    + e.getMessage(), e);
        }
        found.sort(java.util.Comparator.comparing(StoredRecording::lastModified));
        return found;
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * Reads the name of a stored object (as listed, or as an S3 event names it once decoded): the Whereby room name
     * (with its "/") and the start, when the name has them.
     */
    public static StoredRecording recording(String key, Instant lastModified) {
        Matcher matcher = KEY.matcher(key);
        if (!matcher.find()) {
            return new StoredRecording(key, lastModified, null, null);
        }
        return new StoredRecording(key, lastModified, "/" + matcher.group(1), Instant.parse(matcher.group(2)));
    }

    /** Whether the object is a recording (a video file) rather than anything else in the bucket. */
    public static boolean isMedia(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return MEDIA.stream().anyMatch(lower::endsWith);
    }
}
