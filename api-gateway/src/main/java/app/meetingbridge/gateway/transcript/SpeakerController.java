package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.transcript.EditShapes.SpeakerAssignmentStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The speaker corrections: the words of a time range to a speaker or a participant, and one speaker's words to
 * another. Owner only; shown at once in every format and in the topics.
 */
@RestController
@RequestMapping("/v1/transcripts/{transcript_id}/speaker")
class SpeakerController {

    private final TranscriptEditService edits;

    SpeakerController(TranscriptEditService edits) {
        this.edits = edits;
    }

    @Operation(operationId = "v1_transcript_assign_speaker",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = EditShapes.SpeakerAssignment.class))))
    @PatchMapping("/assign")
    SpeakerAssignmentStatus assign(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                   @RequestBody JsonNode body) {
        edits.assign(caller, transcriptId, body);
        return SpeakerAssignmentStatus.OK;
    }

    @Operation(operationId = "v1_transcript_merge_speaker",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = EditShapes.SpeakerMerge.class))))
    @PatchMapping("/merge")
    SpeakerAssignmentStatus merge(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                  @RequestBody JsonNode body) {
        edits.merge(caller, transcriptId, body);
        return SpeakerAssignmentStatus.OK;
    }
}
