package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/transcripts/search}, Reflector's transcript search: signed-in callers only (401 "Not
 * authenticated", as Reflector answers outside its public mode), over the transcripts they may read.
 */
@RestController
class TranscriptSearchController {

    private final TranscriptSearchService search;

    TranscriptSearchController(TranscriptSearchService search) {
        this.search = search;
    }

    @Operation(operationId = "v1_transcripts_search", summary = "Full-text search across transcript titles and content")
    @GetMapping("/v1/transcripts/search")
    TranscriptSearchResponse search(Caller caller,
                                    @RequestParam(name = "q", required = false) @Parameter(required = true)
                                    @Nullable String q,
                                    @RequestParam(name = "limit", required = false) @Nullable Integer limit,
                                    @RequestParam(name = "offset", required = false) @Nullable Integer offset,
                                    @RequestParam(name = "room_id", required = false) @Nullable String roomId,
                                    @RequestParam(name = "source_kind", required = false) @Nullable String sourceKind,
                                    @RequestParam(name = "from", required = false) @Nullable String from,
                                    @RequestParam(name = "to", required = false) @Nullable String to) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
        return search.search(caller, SearchRequest.of(q, limit, offset, roomId, sourceKind, from, to));
    }
}
