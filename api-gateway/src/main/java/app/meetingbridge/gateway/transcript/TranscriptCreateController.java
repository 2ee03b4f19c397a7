package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/transcripts}: a new, empty transcript ({@code idle}, private) owned by the caller, for a file to
 * be uploaded to it; answered as Reflector's {@code GetTranscriptWithParticipants}. Unlike Reflector, which lets an
 * anonymous caller create one that nobody owns, a signed-in caller is required (401 "Not authenticated").
 */
@RestController
class TranscriptCreateController {

    private final TranscriptCreation creation;

    TranscriptCreateController(TranscriptCreation creation) {
        this.creation = creation;
    }

    @Operation(operationId = "v1_transcripts_create",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = TranscriptSchemas.GetTranscriptWithParticipants.class))))
    @PostMapping("/v1/transcripts")
    TranscriptSchemas.GetTranscriptWithParticipants create(Caller caller, @RequestBody(required = false) @Nullable CreateTranscript request) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
        if (request == null) {
            throw InvalidRequestException.of(List.of("body"), "Field required", "missing");
        }
        request.validate();
        return TranscriptSchemas.GetTranscriptWithParticipants.of(creation.create(caller, request));
    }
}
