package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.transcript.TranscriptSearchRepository.Hit;
import app.meetingbridge.gateway.transcript.TranscriptSearchRepository.Texts;
import app.meetingbridge.gateway.transcript.TranscriptSearchResponse.SearchResult;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Transcript search: one page of the matching transcripts the caller may read (counted first: past
 * {@link SearchProperties#fullRankLimit()} matches they are ranked by title and summaries alone), the total of them,
 * and for each hit
 * its snippets and match count ({@link SearchSnippets}), cut from the texts of that page's transcripts alone.
 */
@Service
class TranscriptSearchService {

    private final TranscriptSearchRepository search;
    private final SearchProperties properties;

    TranscriptSearchService(TranscriptSearchRepository search, SearchProperties properties) {
        this.search = search;
        this.properties = properties;
    }

    TranscriptSearchResponse search(Caller caller, SearchRequest request) {
        int matches = request.text() == null ? -1 : search.count(caller, request);
        List<Hit> hits = matches == 0 ? List.of()
                : search.search(caller, request, matches <= properties.fullRankLimit());
        int total = matches >= 0 ? matches
                : !hits.isEmpty() ? hits.get(0).total() : request.offset() == 0 ? 0 : search.count(caller, request);
        Map<String, Texts> texts = request.text() == null || hits.isEmpty() ? Map.of()
                : search.texts(hits.stream().map(Hit::id).toList());
        SearchSnippets snippets = request.text() == null ? null : SearchSnippets.forQuery(request.text());
        List<SearchResult> results = hits.stream().map(hit -> {
            Texts text = texts.get(hit.id());
            SearchSnippets.Found found = snippets == null || text == null ? new SearchSnippets.Found(List.of(), 0)
                    : snippets.in(text.longSummary(), text.words());
            return new SearchResult(hit.id(), hit.title(), hit.userId(), hit.roomId(), hit.roomName(),
                    hit.sourceKind(), hit.createdAt().toString(), hit.status(), hit.rank(),
                    hit.durationMs() == null ? null : hit.durationMs().doubleValue(), found.snippets(),
                    found.matchCount(), hit.changeSeq());
        }).toList();
        return new TranscriptSearchResponse(results, total, request.text(), request.limit(), request.offset());
    }
}
