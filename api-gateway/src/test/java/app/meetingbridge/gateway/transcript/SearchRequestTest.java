package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

    static List<String> problemAt(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidRequestException e) {
            return List.of(String.join(".", e.problems().get(0).loc()), e.problems().get(0).type());
        }
        throw new AssertionError("no 422");
    }

    @Test
    void takesReflectorsDefaultsAndAnEmptyQueryAsNoQuery() {
        SearchRequest request = SearchRequest.of("   ", null, null, null, null, null, null);

        assertThat(request.text()).isNull();
        assertThat(request.limit()).isEqualTo(20);
        assertThat(request.offset()).isZero();
    }

    @Test
    void stripsTheQueryAndTakesControlCharactersAsSpaces() {
        assertThat(SearchRequest.of("  budget\u0000plan \n", null, null, null, null, null, null).text())
                .isEqualTo("budget plan");
    }

    @Test
    void refusesAMissingOrTooLongQueryABadLimitOffsetOrSourceKind() {
        assertThat(problemAt(() -> SearchRequest.of(null, null, null, null, null, null, null)))
                .containsExactly("query.q", "missing");
        assertThat(problemAt(() -> SearchRequest.of("a".repeat(501), null, null, null, null, null, null)))
                .containsExactly("query.q", "string_too_long");
        assertThat(SearchRequest.of("a".repeat(500), null, null, null, null, null, null).text()).hasSize(500);
        assertThat(problemAt(() -> SearchRequest.of("a", 0, null, null, null, null, null)))
                .containsExactly("query.limit", "greater_than_equal");
        assertThat(problemAt(() -> SearchRequest.of("a", 101, null, null, null, null, null)))
                .containsExactly("query.limit", "less_than_equal");
        assertThat(problemAt(() -> SearchRequest.of("a", null, -1, null, null, null, null)))
                .containsExactly("query.offset", "greater_than_equal");
        assertThat(problemAt(() -> SearchRequest.of("a", null, null, null, "zoom", null, null)))
                .containsExactly("query.source_kind", "enum");
        assertThat(problemAt(() -> SearchRequest.of("a", null, null, "room\u0000", null, null, null)))
                .containsExactly("query.room_id", "string_pattern_mismatch");
    }

    @Test
    void takesDateTimesWithATimeZoneOnly() {
        SearchRequest request = SearchRequest.of("a", null, null, null, "room", "2026-01-02T03:04:05+02:00",
                "2026-01-03 00:00:00Z");

        assertThat(request.from()).isEqualTo(Instant.parse("2026-01-02T01:04:05Z"));
        assertThat(request.to()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(problemAt(() -> SearchRequest.of("a", null, null, null, null, "2026-01-02T03:04:05", null)))
                .containsExactly("query.from", "timezone_aware");
        assertThat(problemAt(() -> SearchRequest.of("a", null, null, null, null, null, "yesterday")))
                .containsExactly("query.to", "datetime_parsing");
    }

    @Test
    void refusesFromAfterToWith400() {
        assertThatThrownBy(() -> SearchRequest.of("a", null, null, null, null, "2026-01-02T00:00:00Z",
                "2026-01-01T00:00:00Z"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("'from' must be less than or equal to 'to'"));
    }
}
