package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.transcript.EditShapes.DeletionStatus;
import app.meetingbridge.gateway.transcript.EditShapes.TopicView;
import app.meetingbridge.gateway.transcript.EditShapes.TopicWithWordsPerSpeaker;
import app.meetingbridge.gateway.transcript.TranscriptSchemas.GetTranscriptWithParticipants;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.transcripts.TranscriptJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A transcript's topics (with their segments, or one topic's words by speaker turn), and the owner's changes to
 * the transcript itself: its fields ({@code PATCH}) and deleting it, with Reflector's paths and shapes.
 */
@RestController
@RequestMapping("/v1/transcripts")
class TranscriptEditController {

    private final TranscriptService transcripts;
    private final TranscriptEditService edits;

    TranscriptEditController(TranscriptService transcripts, TranscriptEditService edits) {
        this.transcripts = transcripts;
        this.edits = edits;
    }

    @Operation(operationId = "v1_transcript_get_topics")
    @GetMapping("/{transcript_id}/topics")
    List<TopicView> topics(Caller caller, @PathVariable("transcript_id") String transcriptId) {
        return TranscriptJson.topics(transcripts.readable(caller, transcriptId).topicsJson()).stream()
                .map(TopicView::of).toList();
    }

    @Operation(operationId = "v1_transcript_get_topics_with_words_per_speaker")
    @GetMapping("/{transcript_id}/topics/{topic_id}/words-per-speaker")
    TopicWithWordsPerSpeaker wordsPerSpeaker(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                             @PathVariable("topic_id") String topicId) {
        return TranscriptJson.topics(transcripts.readable(caller, transcriptId).topicsJson()).stream()
                .filter(topic -> topic.id().equals(topicId)).findFirst().map(TopicWithWordsPerSpeaker::of)
                .orElseThrow(() -> ApiException.notFound("Topic not found"));
    }

    /** Writes the fields the body names (Reflector's {@code UpdateTranscript}); owner only. */
    @Operation(operationId = "v1_transcript_update",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = EditShapes.UpdateTranscript.class))))
    @PatchMapping("/{transcript_id}")
    GetTranscriptWithParticipants update(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                      @RequestBody JsonNode body) {
        return GetTranscriptWithParticipants.of(edits.update(caller, transcriptId, body));
    }

    /** Deletes the transcript, its audio and its event log; owner only. */
    @Operation(operationId = "v1_transcript_delete")
    @DeleteMapping("/{transcript_id}")
    DeletionStatus delete(Caller caller, @PathVariable("transcript_id") String transcriptId) {
        edits.delete(caller, transcriptId);
        return DeletionStatus.OK;
    }
}
