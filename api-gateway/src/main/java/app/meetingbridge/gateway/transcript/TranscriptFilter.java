package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.web.InvalidRequestException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the transcript listing is narrowed to, as Reflector's listing takes it: a room, a meeting, a source kind,
 * titles containing a text (any letter case; an empty text is no filter), rows changed after a change sequence
 * number ({@code change_seq_from}, for clients that poll for changes), and the order: newest first
 * ({@code sort_by=created_at} or none), or by change sequence from the oldest change ({@code sort_by=change_seq}).
 */
record TranscriptFilter(@Nullable String roomId, @Nullable String meetingId, @Nullable String sourceKind,
                        @Nullable String titleContains, @Nullable Long changeSeqAfter, boolean byChangeSeq) {

    static TranscriptFilter of(@Nullable String roomId, @Nullable String meetingId, @Nullable String sourceKind,
                               @Nullable String searchTerm, @Nullable Long changeSeqFrom, @Nullable String sortBy) {
        if (sortBy != null && !sortBy.equals("created_at") && !sortBy.equals("change_seq")) {
            throw InvalidRequestException.of(List.of("query", "sort_by"),
                    "Input should be 'created_at' or 'change_seq'", "literal_error");
        }
        return new TranscriptFilter(SearchRequest.withoutNul("room_id", roomId),
                SearchRequest.withoutNul("meeting_id", meetingId), SearchRequest.sourceKind(sourceKind),
                searchTerm == null || searchTerm.isEmpty() ? null : SearchRequest.withoutNul("search_term", searchTerm),
                changeSeqFrom,
                "change_seq".equals(sortBy));
    }
}
