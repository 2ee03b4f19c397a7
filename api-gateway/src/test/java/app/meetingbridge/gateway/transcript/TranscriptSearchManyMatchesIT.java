package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A search matching more transcripts than {@code SEARCH_FULL_RANK_LIMIT} (two here) ranks them by title and summaries
 * alone, newest first among equals, and still finds and counts every one; at or under the limit it ranks by the
 * words too.
 */
@TestPropertySource(properties = "app.search.full-rank-limit=2")
class TranscriptSearchManyMatchesIT extends TranscriptSearchSupport {

    @Test
    void ranksManyMatchesByTitleAndSummariesThenNewestFirstAndCountsThemAll() {
        String room = room(alice);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String oftenSpokenOld = transcript(new Spec(alice, room, "private", "room", "en", "Weekly sync", "Tickets.",
                now.minus(3, ChronoUnit.DAYS), "budget budget budget budget, the budget again and the budget"));
        String inTitleOldest = transcript(new Spec(alice, room, "private", "room", "en", "Budget planning",
                "Plans.", now.minus(5, ChronoUnit.DAYS), "We talked about hiring."));
        String onceSpokenNew = transcript(new Spec(alice, room, "private", "room", "en", "Standup", "Status.",
                now.minus(1, ChronoUnit.DAYS), "a word on the budget"));
        String inSummary = transcript(new Spec(alice, room, "private", "room", "en", "Engineering sync",
                "The budget was approved.", now.minus(4, ChronoUnit.DAYS), "Nothing else came up."));

        JsonNode many = search(as(alice), "q=budget&room_id=" + room);

        assertThat(ids(many)).containsExactly(inTitleOldest, inSummary, onceSpokenNew, oftenSpokenOld);
        assertThat(many.get("total").intValue()).isEqualTo(4);
        assertThat(many.get("results").get(3).get("total_match_count").intValue()).isEqualTo(6);
        assertThat(ids(search(as(alice), "q=budget&room_id=" + room + "&limit=2&offset=2")))
                .containsExactly(onceSpokenNew, oftenSpokenOld);
    }

    @Test
    void ranksByTheWordsTooWhileTheMatchesStayWithinTheLimit() {
        String room = room(alice);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String oftenSpokenOld = transcript(new Spec(alice, room, "private", "room", "en", "Weekly sync", "Tickets.",
                now.minus(3, ChronoUnit.DAYS), "roadmap roadmap roadmap, the roadmap again and the roadmap"));
        String onceSpokenNew = transcript(new Spec(alice, room, "private", "room", "en", "Standup", "Status.",
                now.minus(1, ChronoUnit.DAYS), "a word on the roadmap"));

        assertThat(ids(search(as(alice), "q=roadmap&room_id=" + room))).containsExactly(oftenSpokenOld, onceSpokenNew);
    }
}
