package app.meetingbridge.storage;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the services do to every object under a prefix (a "folder") of a bucket. */
public final class S3Folders {

    private S3Folders() {
    }

    /**
     * Deletes every object whose key starts with {@code prefix} (listed page by page, then deleted one by one) and
     * returns their keys. An empty prefix or {@code "/"}, which would name the whole bucket, is refused.
     */
    public static List<String> deleteUnder(S3Client s3, String bucket, String prefix) {
        if (prefix.isEmpty() || prefix.equals("/")) {
            throw new IllegalArgumentException("refusing to delete the whole bucket " + bucket);
        }
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()) {
            keys.add(object.key());
        }
        for (String key : keys) {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        }
        return keys;
    }
}
