package app.meetingbridge.gateway.upload;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.transcript.TranscriptAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/transcripts/{id}/record/upload?chunk_number=&total_chunks=}: one chunk of a file (multipart field
 * {@code chunk}; {@code chunk_number} from 0), answered {@code {"status": "ok"}} as Reflector does. The transcript's
 * owner only, by the transcripts' rules (401 "Not authenticated", 404 / 403 for a transcript the caller may not
 * read, 403 "Not authorized" for one the caller may not change).
 */
@RestController
class UploadController {

    private final TranscriptAccess transcripts;
    private final UploadService uploads;

    UploadController(TranscriptAccess transcripts, UploadService uploads) {
        this.transcripts = transcripts;
        this.uploads = uploads;
    }

    @Operation(operationId = "v1_transcript_record_upload",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = UploadStatus.class))))
    @PostMapping(value = "/v1/transcripts/{transcript_id}/record/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    UploadStatus upload(Caller caller, @PathVariable("transcript_id") String transcriptId,
                        @RequestParam("chunk_number") int chunkNumber, @RequestParam("total_chunks") int totalChunks,
                        @RequestPart("chunk") MultipartFile chunk) {
        uploads.accept(transcripts.changeable(caller, transcriptId), chunkNumber, totalChunks, chunk);
        return new UploadStatus("ok");
    }

    /** Reflector's {@code UploadStatus}. */
    @Schema(name = "UploadStatus")
    record UploadStatus(String status) {
    }
}
