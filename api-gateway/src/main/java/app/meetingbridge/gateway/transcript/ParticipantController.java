package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.transcript.EditShapes.DeletionStatus;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.transcripts.TranscriptJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * One participant of a transcript (the name shown for a speaker number): read by whoever may read the transcript;
 * added, changed and removed by its owner. A speaker number belongs to one participant at most (400 "Speaker
 * already assigned"); removing one that is not there succeeds.
 */
@RestController
@RequestMapping("/v1/transcripts/{transcript_id}/participants")
class ParticipantController {

    private final TranscriptService transcripts;
    private final TranscriptEditService edits;

    ParticipantController(TranscriptService transcripts, TranscriptEditService edits) {
        this.transcripts = transcripts;
        this.edits = edits;
    }

    @Operation(operationId = "v1_transcript_add_participant",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = EditShapes.CreateParticipant.class))))
    @PostMapping
    TranscriptSchemas.Participant add(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                      @RequestBody JsonNode body) {
        return EditShapes.participant(edits.addParticipant(caller, transcriptId, body));
    }

    @Operation(operationId = "v1_transcript_get_participant")
    @GetMapping("/{participant_id}")
    TranscriptSchemas.Participant get(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                      @PathVariable("participant_id") String participantId) {
        return TranscriptJson.participants(transcripts.readable(caller, transcriptId).participantsJson()).stream()
                .filter(participant -> participantId.equals(participant.id())).findFirst()
                .map(EditShapes::participant)
                .orElseThrow(() -> ApiException.notFound("Participant not found"));
    }

    @Operation(operationId = "v1_transcript_update_participant",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = EditShapes.UpdateParticipant.class))))
    @PatchMapping("/{participant_id}")
    TranscriptSchemas.Participant update(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                         @PathVariable("participant_id") String participantId,
                                         @RequestBody JsonNode body) {
        return EditShapes.participant(edits.updateParticipant(caller, transcriptId, participantId, body));
    }

    @Operation(operationId = "v1_transcript_delete_participant")
    @DeleteMapping("/{participant_id}")
    DeletionStatus delete(Caller caller, @PathVariable("transcript_id") String transcriptId,
                          @PathVariable("participant_id") String participantId) {
        edits.deleteParticipant(caller, transcriptId, participantId);
        return DeletionStatus.OK;
    }
}
