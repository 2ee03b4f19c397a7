package app.meetingbridge.gateway.upload;

import app.meetingbridge.gateway.transcript.AudioStorageProperties;
import app.meetingbridge.storage.S3Folders;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The chunks of uploads in the transcript storage, at {@code uploads/{transcript id}/chunk-{n}}: each streamed from
 * the request's part on disk to a PutObject of its known length, never held in memory.
 */
@Component
class UploadStorage implements AutoCloseable {

    private final AudioStorageProperties properties;
    private final @Nullable S3Client s3;

    UploadStorage(AudioStorageProperties properties) {
        this.properties = properties;
        this.s3 = properties.configured() ? properties.client() : null;
    }

    boolean configured() {
        return s3 != null;
    }

    String bucket() {
        return properties.bucket();
    }

    static String folder(String transcriptId) {
        return "uploads/" + transcriptId + "/";
    }

    static String chunkKey(String transcriptId, int chunkNumber) {
        return folder(transcriptId) + "chunk-" + chunkNumber;
    }

    void put(String key, InputStream content, long size) {
        try {
            s3.putObject(request -> request.bucket(properties.bucket()).key(key)
                    .contentType("application/octet-stream"), RequestBody.fromInputStream(content, size));
        } catch (SdkException e) {
            throw new Unavailable("storing " + key + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every object of the transcript's upload; returns how many there were. */
    int discard(String transcriptId) {
        return S3Folders.deleteUnder(s3, properties.bucket(), folder(transcriptId)).size();
    }

    /** The storage did not take a request. */
    static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
