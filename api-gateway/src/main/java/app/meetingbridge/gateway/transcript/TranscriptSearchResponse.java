package app.meetingbridge.gateway.transcript;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reflector's {@code SearchResponse}: one page of matches, how many there are in all, and the search as applied. */
@Schema(name = "SearchResponse")
record TranscriptSearchResponse(List<SearchResult> results, int total, @Nullable String query, int limit,
                                long offset) {

    /**
     * Reflector's {@code SearchResult}: {@code rank} 0..1 (1 without query text), {@code duration} in milliseconds
     * as in the transcript listing, {@code search_snippets} plain text around the matches in the long summary and
     * the words, {@code total_match_count} the matches in both.
     */
    @Schema(name = "SearchResult")
    record SearchResult(String id, @Nullable String title, @Nullable String userId, @Nullable String roomId,
                        @Nullable String roomName, String sourceKind, String createdAt, String status, double rank,
                        @Nullable Double duration, List<String> searchSnippets, int totalMatchCount,
                        long changeSeq) {
    }
}
