package app.meetingbridge.gateway.transcript;

import app.meetingbridge.storage.S3Folders;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A transcript's audio in the transcript storage: {@code {id}/audio.mp3} (streamed, byte ranges passed to S3)
 * and {@code {id}/audio.json} (the waveform); deleted with everything else under {@code {id}/} when the
 * transcript is.
 */
@Component
class TranscriptAudio implements AutoCloseable {

    private final AudioStorageProperties properties;
    private final @Nullable S3Client s3;

    TranscriptAudio(AudioStorageProperties properties) {
        this.properties = properties;
        this.s3 = properties.configured() ? properties.client() : null;
    }

    boolean configured() {
        return s3 != null;
    }

    Optional<byte[]> waveform(String transcriptId) {
        try {
            return Optional.of(s3.getObjectAsBytes(request -> request.bucket(properties.bucket())
                    .key(transcriptId + "/audio.json")).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * The mp3, whole or the byte range asked for ({@code Range: bytes=…}, as S3 takes it); empty when there is
     * none. An unsatisfiable range is {@link RangeNotSatisfiable}.
     */
    Optional<Mp3> mp3(String transcriptId, @Nullable String range) {
        try {
            ResponseInputStream<GetObjectResponse> stream = s3.getObject(request -> request.bucket(properties.bucket())
                    .key(transcriptId + "/audio.mp3").range(range));
            GetObjectResponse response = stream.response();
            return Optional.of(new Mp3(stream, response.contentLength(), response.contentRange()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                throw new RangeNotSatisfiable();
            }
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The mp3's length in bytes (for {@code Content-Range: bytes *}{@code /length}); empty when there is none. */
    Optional<Long> mp3Length(String transcriptId) {
        try {
            return Optional.of(s3.headObject(request -> request.bucket(properties.bucket())
                    .key(transcriptId + "/audio.mp3")).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Deletes every object stored under the transcript ({@code {id}/}: the mp3, the waveform, whatever else a
     * worker put there), what remains of a file uploaded to it ({@code uploads/{id}/}) and, for a transcript made
     * from a recording, the copies of the recording's provider files
     * ({@code recordings/{recording id}/}). Returns the keys deleted.
     */
    List<String> deleteAll(String transcriptId, @Nullable String recordingId) {
        List<String> deleted = new ArrayList<>(deletePrefix(transcriptId + "/"));
        deleted.addAll(deletePrefix("uploads/" + transcriptId + "/"));
        if (recordingId != null) {
            deleted.addAll(deletePrefix("recordings/" + recordingId + "/"));
        }
        return deleted;
    }

    private List<String> deletePrefix(String prefix) {
        return S3Folders.deleteUnder(s3, properties.bucket(), prefix);
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** The audio stream, its length, and the range it covers when it is part of the file. */
    record Mp3(InputStream content, long length, @Nullable String contentRange) {
    }

    static class RangeNotSatisfiable extends RuntimeException {
        RangeNotSatisfiable() {
            super("Range not satisfiable");
        }
    }
}
