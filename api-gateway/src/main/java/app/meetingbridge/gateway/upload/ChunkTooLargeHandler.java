package app.meetingbridge.gateway.upload;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A chunk over {@code UPLOAD_MAX_CHUNK_BYTES}, refused by the multipart limit before any handler runs: 413 saying the
 * limit, in Reflector's error shape (ahead of the general handler, which would only say "Maximum upload size
 * exceeded").
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChunkTooLargeHandler {

    private final UploadProperties limits;

    ChunkTooLargeHandler(UploadProperties limits) {
        this.limits = limits;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("detail",
                "The chunk is larger than the limit of " + limits.maxChunkSize().toBytes() + " bytes"));
    }
}
