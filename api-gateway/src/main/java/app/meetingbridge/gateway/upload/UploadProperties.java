package app.meetingbridge.gateway.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of a chunked upload: the largest chunk ({@code UPLOAD_MAX_CHUNK_BYTES}, also the multipart limit of a part;
 * the frontend sends 50 MiB), the largest file ({@code UPLOAD_MAX_BYTES}) and the most chunks one file may be cut
 * into ({@code UPLOAD_MAX_CHUNKS}).
 */
@ConfigurationProperties("app.uploads")
record UploadProperties(DataSize maxChunkSize, DataSize maxSize, int maxChunks) {

    UploadProperties {
        if (maxChunkSize.toBytes() <= 0 || maxSize.toBytes() <= 0 || maxChunks <= 0) {
            throw new IllegalArgumentException("app.uploads: the chunk size, the file size and the chunk count "
                    + "must be positive");
        }
    }
}
