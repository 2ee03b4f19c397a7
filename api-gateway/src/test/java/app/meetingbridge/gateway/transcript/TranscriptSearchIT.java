package app.meetingbridge.gateway.transcript;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Transcript search over transcripts as the recording-worker leaves them (title, summaries, topics with words),
 * in PostgreSQL: ranking, snippets, phrases, other languages and scripts, who finds what, filters, paging and bad
 * parameters; and the listing's filters by source kind, title and change sequence, and its orders. Every test
 * works in rooms and with users of its own, so the other tests' transcripts never count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TranscriptSearchIT extends TranscriptSearchSupport {

    @Test
    void ranksTitleMatchesAboveSummaryMatchesAboveMatchesInTheWords() {
        String room = room(alice);
        String inWords = transcript(spec(alice, room, "Weekly sync", "The team went through open tickets.", STANDUP,
                "We close the budget discussion here."));
        String inSummary = transcript(spec(alice, room, "Engineering sync",
                "The budget for the migration was approved.", "Nothing else came up today."));
        String inTitle = transcript(spec(alice, room, "Budget planning", "Plans for next year.",
                "We talked about hiring."));
        transcript(spec(alice, room, "Retrospective", "What went well.", "The release went smoothly."));

        JsonNode answer = search(as(alice), "q=budget&room_id=" + room);

        assertThat(ids(answer)).containsExactly(inTitle, inSummary, inWords);
        assertThat(answer.get("total").intValue()).isEqualTo(3);
        assertThat(answer.get("query").stringValue()).isEqualTo("budget");
        assertThat(answer.get("limit").intValue()).isEqualTo(20);
        assertThat(answer.get("offset").intValue()).isZero();
        double first = answer.get("results").get(0).get("rank").doubleValue();
        double last = answer.get("results").get(2).get("rank").doubleValue();
        assertThat(first).isGreaterThan(answer.get("results").get(1).get("rank").doubleValue()).isLessThanOrEqualTo(1);
        assertThat(answer.get("results").get(1).get("rank").doubleValue()).isGreaterThan(last);
        assertThat(last).isGreaterThan(0);

        JsonNode words = answer.get("results").get(2);
        assertThat(words.get("total_match_count").intValue()).isEqualTo(3);
        // the second match lies inside the first snippet, so it gets none of its own
        assertThat(words.get("search_snippets")).hasSize(2);
        assertThat(words.get("search_snippets").get(0).stringValue())
                .isEqualTo("...morning everyone, let's start with the quarterly budget review. Marketing spent less"
                        + " than planned, so the remaining budget moves to the hiring plan....");
        assertThat(words.get("search_snippets").get(1).stringValue())
                .isEqualTo("...new database is on track for March. We close the budget discussion here.");
        assertThat(words.get("title").stringValue()).isEqualTo("Weekly sync");
        assertThat(words.get("room_name").stringValue()).startsWith("search-");
        assertThat(words.get("duration").doubleValue()).isEqualTo(1_800_000.0);
        assertThat(words.get("source_kind").stringValue()).isEqualTo("room");
        assertThat(words.get("status").stringValue()).isEqualTo("ended");
        assertThat(words.get("user_id").stringValue()).isEqualTo(alice);
        assertThat(words.get("change_seq").longValue()).isPositive();
        JsonNode summary = answer.get("results").get(1);
        assertThat(summary.get("search_snippets").get(0).stringValue())
                .isEqualTo("The budget for the migration was approved.");
        assertThat(summary.get("total_match_count").intValue()).isEqualTo(1);
        JsonNode title = answer.get("results").get(0);
        assertThat(title.get("search_snippets")).isEmpty();
        assertThat(title.get("total_match_count").intValue()).isZero();
    }

    @Test
    void findsWordsSpokenButNowhereInTheTitleOrSummariesAndKeepsUpWithChanges() {
        String room = room(alice);
        String standup = transcript(spec(alice, room, "Standup", "Status of the week.", STANDUP));

        assertThat(ids(search(as(alice), "q=migration&room_id=" + room))).containsExactly(standup);
        assertThat(ids(search(as(alice), "q=hiring+database&room_id=" + room))).containsExactly(standup);
        assertThat(ids(search(as(alice), "q=Kubernetes&room_id=" + room))).isEmpty();

        db.update(TRANSCRIPT).set(TRANSCRIPT.TITLE, "Kubernetes rollout").where(TRANSCRIPT.ID.eq(standup)).execute();
        db.update(TRANSCRIPT).set(TRANSCRIPT.TOPICS, JSONB.valueOf(topics("Only the rollout was discussed.")))
                .where(TRANSCRIPT.ID.eq(standup)).execute();
        assertThat(ids(search(as(alice), "q=Kubernetes&room_id=" + room))).containsExactly(standup);
        assertThat(ids(search(as(alice), "q=migration&room_id=" + room))).isEmpty();

        db.deleteFrom(TRANSCRIPT).where(TRANSCRIPT.ID.eq(standup)).execute();
        assertThat(ids(search(as(alice), "q=rollout&room_id=" + room))).isEmpty();
    }

    @Test
    void aTranscriptTooBigForOneSearchVectorIsStillWrittenAndFoundByItsFirstWords() {
        String room = room(alice);
        StringBuilder garbage = new StringBuilder("Kickoff");
        for (int i = 0; i < 45_000; i++) {
            garbage.append(' ').append(UUID.randomUUID().toString().replace("-", ""));
        }
        String huge = transcript(spec(alice, room, "Noise", "", garbage.toString()));

        assertThat(ids(search(as(alice), "q=kickoff&room_id=" + room))).containsExactly(huge);
    }

    @Test
    void matchesQuotedPhrasesAsWordsInARowAndLeavesOutExcludedWords() {
        String room = room(alice);
        String phrase = transcript(spec(alice, room, "Finance", "", STANDUP));
        String apart = transcript(spec(alice, room, "Planning", "",
                "The budget is fine this quarter and quarterly reports are done. The database is ready."));

        JsonNode quoted = search(as(alice), "q=" + encode("\"quarterly budget\"") + "&room_id=" + room);
        assertThat(ids(quoted)).containsExactly(phrase);
        assertThat(quoted.get("results").get(0).get("search_snippets").get(0).stringValue())
                .contains("the quarterly budget review");
        assertThat(quoted.get("results").get(0).get("total_match_count").intValue()).isEqualTo(1);

        assertThat(ids(search(as(alice), "q=" + encode("quarterly budget") + "&room_id=" + room)))
                .containsExactlyInAnyOrder(phrase, apart);
        assertThat(ids(search(as(alice), "q=" + encode("budget -hiring") + "&room_id=" + room)))
                .containsExactly(apart);
        assertThat(ids(search(as(alice), "q=" + encode("Kubernetes or reports") + "&room_id=" + room)))
                .containsExactly(apart);
    }

    @Test
    void findsWordsWithAccentsSharpSAndNonLatinScriptsWhateverTheTranscriptsLanguage() {
        String room = room(alice);
        String french = transcript(new Spec(alice, room, "private", "room", "fr", "Réunion d'équipe",
                "Résumé de la réunion.", Instant.now(), FRENCH));
        String german = transcript(new Spec(alice, room, "private", "room", "de", "Wochenbesprechung",
                "Die Baustelle wurde besprochen.", Instant.now(), GERMAN));
        String japanese = transcript(new Spec(alice, room, "private", "room", "ja", "定例 会議",
                "予算 の 確認", Instant.now(), JAPANESE));

        JsonNode cafe = search(as(alice), "q=" + encode("café") + "&room_id=" + room);
        assertThat(ids(cafe)).containsExactly(french);
        assertThat(cafe.get("results").get(0).get("search_snippets").get(0).stringValue())
                .contains("au café après la réunion");
        assertThat(ids(search(as(alice), "q=" + encode("CAFÉ") + "&room_id=" + room))).containsExactly(french);
        assertThat(ids(search(as(alice), "q=" + encode("déménagement été") + "&room_id=" + room)))
                .containsExactly(french);

        JsonNode strasse = search(as(alice), "q=" + encode("Straße") + "&room_id=" + room);
        assertThat(ids(strasse)).containsExactly(german);
        assertThat(strasse.get("results").get(0).get("search_snippets").get(0).stringValue())
                .contains("Wir müssen die Straße bis Freitag räumen");
        assertThat(ids(search(as(alice), "q=" + encode("müssen") + "&room_id=" + room))).containsExactly(german);

        JsonNode meeting = search(as(alice), "q=" + encode("会議") + "&room_id=" + room);
        assertThat(ids(meeting)).containsExactly(japanese);
        assertThat(meeting.get("results").get(0).get("total_match_count").intValue()).isEqualTo(2);
        assertThat(meeting.get("results").get(0).get("search_snippets").get(0).stringValue()).contains("今日 の 会議 は");
        assertThat(ids(search(as(alice), "q=" + encode("予算") + "&room_id=" + room))).containsExactly(japanese);
    }

    @Test
    void findsWhatTheCallerMayReadAndCountsExactlyThat() {
        String room = room(alice);
        String own = transcript(new Spec(alice, room, "private", "room", "en", "Roadmap", "", Instant.now(), STANDUP));
        String semi = transcript(new Spec(alice, room, "semi-private", "room", "en", "Roadmap", "", Instant.now(),
                STANDUP));
        String open = transcript(new Spec(alice, room, "public", "room", "en", "Roadmap", "", Instant.now(), STANDUP));
        String bobs = transcript(new Spec(bob, room, "private", "room", "en", "Roadmap", "", Instant.now(), STANDUP));

        JsonNode forAlice = search(as(alice), "q=roadmap&limit=1&room_id=" + room);
        assertThat(forAlice.get("total").intValue()).isEqualTo(3);
        assertThat(forAlice.get("results")).hasSize(1);
        assertThat(ids(search(as(alice), "q=roadmap&room_id=" + room))).containsExactlyInAnyOrder(own, semi, open);
        JsonNode forBob = search(as(bob), "q=roadmap&limit=1&room_id=" + room);
        assertThat(forBob.get("total").intValue()).isEqualTo(3);
        assertThat(ids(search(as(bob), "q=roadmap&room_id=" + room))).containsExactlyInAnyOrder(semi, open, bobs);
        assertThat(ids(search(as("carol-" + suffix), "q=&room_id=" + room))).containsExactlyInAnyOrder(semi, open);

        Response anonymousSearch = anonymous.get("/v1/transcripts/search?q=roadmap&room_id=" + room);
        assertThat(anonymousSearch.status()).isEqualTo(401);
        assertThat(anonymousSearch.json().get("detail").stringValue()).isEqualTo("Not authenticated");
    }

    @Test
    void filtersByRoomSourceKindAndCreationTime() {
        String room = room(alice);
        String other = room(alice);
        Instant monday = Instant.parse("2026-03-02T09:00:00Z");
        String live = transcript(new Spec(alice, room, "private", "live", "en", "Budget", "", monday, STANDUP));
        String file = transcript(new Spec(alice, room, "private", "file", "en", "Budget", "",
                monday.plus(1, ChronoUnit.DAYS), STANDUP));
        String elsewhere = transcript(new Spec(alice, other, "private", "room", "en", "Budget", "",
                monday.plus(2, ChronoUnit.DAYS), STANDUP));

        assertThat(ids(search(as(alice), "q=budget&room_id=" + room))).containsExactlyInAnyOrder(live, file);
        assertThat(ids(search(as(alice), "q=budget&source_kind=live&room_id=" + room))).containsExactly(live);
        String window = "&from=" + encode("2026-03-03T00:00:00+00:00") + "&to=" + encode("2026-03-04T08:00:00Z");
        assertThat(ids(search(as(alice), "q=budget&room_id=" + room + window))).containsExactly(file);
        assertThat(ids(search(as(alice), "q=budget&room_id=" + other + window))).isEmpty();
        assertThat(ids(search(as(alice), "q=budget&from=" + encode("2026-03-04T00:00:00Z") + "&to="
                + encode("2026-03-04T10:00:00+01:00")))).containsExactly(elsewhere);

        JsonNode everything = search(as(alice), "q=&room_id=" + room);
        assertThat(ids(everything)).containsExactly(file, live);
        assertThat(everything.get("query").isNull()).isTrue();
        assertThat(everything.get("results").get(0).get("rank").doubleValue()).isEqualTo(1.0);
        assertThat(everything.get("results").get(0).get("search_snippets")).isEmpty();
    }

    @Test
    void pagesThroughTheMatchesWithTheTotalOnEveryPage() {
        String room = room(alice);
        List<String> newestFirst = new ArrayList<>();
        Instant start = Instant.parse("2026-02-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, transcript(new Spec(alice, room, "private", "room", "en", "Standup " + i, "",
                    start.plus(i, ChronoUnit.HOURS), STANDUP)));
        }

        JsonNode second = search(as(alice), "q=budget&limit=2&offset=2&room_id=" + room);
        assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(second.get("total").intValue()).isEqualTo(5);
        assertThat(second.get("limit").intValue()).isEqualTo(2);
        assertThat(second.get("offset").intValue()).isEqualTo(2);
        JsonNode last = search(as(alice), "q=budget&limit=2&offset=4&room_id=" + room);
        assertThat(ids(last)).containsExactly(newestFirst.get(4));
        assertThat(last.get("total").intValue()).isEqualTo(5);
        JsonNode past = search(as(alice), "q=budget&limit=2&offset=2147483647&room_id=" + room);
        assertThat(ids(past)).isEmpty();
        assertThat(past.get("total").intValue()).isEqualTo(5);
    }

    @Test
    void answersBadParametersInReflectorsShapeAndNeverFailsOnQuerySyntax() {
        String room = room(alice);
        String standup = transcript(spec(alice, room, "Standup", "", STANDUP));
        HttpJson caller = as(alice);

        assertThat(problem(caller, "limit=5")).isEqualTo("query.q missing");
        assertThat(problem(caller, "q=" + "a".repeat(501))).isEqualTo("query.q string_too_long");
        assertThat(problem(caller, "q=a&limit=0")).isEqualTo("query.limit greater_than_equal");
        assertThat(problem(caller, "q=a&limit=101")).isEqualTo("query.limit less_than_equal");
        assertThat(problem(caller, "q=a&limit=ten")).isEqualTo("query.limit type_error");
        assertThat(problem(caller, "q=a&offset=-1")).isEqualTo("query.offset greater_than_equal");
        assertThat(problem(caller, "q=a&offset=99999999999")).isEqualTo("query.offset type_error");
        assertThat(problem(caller, "q=a&source_kind=zoom")).isEqualTo("query.source_kind enum");
        assertThat(problem(caller, "q=a&from=2026-01-01T00:00:00")).isEqualTo("query.from timezone_aware");
        assertThat(problem(caller, "q=a&to=tomorrow")).isEqualTo("query.to datetime_parsing");
        Response reversed = caller.get("/v1/transcripts/search?q=a&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.json().get("detail").stringValue()).isEqualTo("'from' must be less than or equal to 'to'");

        for (String odd : List.of("\"unclosed quote", "((( budget", "budget & | ! :* <->", "-", "\"\"", "!!!",
                "budget\u0000", "'; drop table transcript; --", "a".repeat(500))) {
            Response response = caller.get("/v1/transcripts/search?room_id=" + room + "&q=" + encode(odd));
            assertThat(response.status()).as(odd + ": " + response).isEqualTo(200);
        }
        assertThat(ids(search(caller, "q=" + encode("((( budget") + "&room_id=" + room))).containsExactly(standup);
        assertThat(ids(search(caller, "q=" + encode("\"quarterly budget") + "&room_id=" + room)))
                .containsExactly(standup);
        assertThat(ids(search(caller, "q=" + encode("\"budget quarterly") + "&room_id=" + room))).isEmpty();
    }

    String problem(HttpJson caller, String query) {
        Response response = caller.get("/v1/transcripts/search?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        JsonNode detail = response.json().get("detail").get(0);
        List<String> loc = new ArrayList<>();
        detail.get("loc").forEach(part -> loc.add(part.stringValue()));
        return String.join(".", loc) + " " + detail.get("type").stringValue();
    }

    @Test
    void listsOnlyWhatChangedAfterAChangeSequenceNumberOldestChangeFirst() {
        String room = room(alice);
        String first = transcript(spec(alice, room, "First", ""));
        String second = transcript(spec(alice, room, "Second", ""));
        String third = transcript(spec(alice, room, "Third", ""));
        long seen = db.select(org.jooq.impl.DSL.max(TRANSCRIPT.CHANGE_SEQ)).from(TRANSCRIPT)
                .where(TRANSCRIPT.ROOM_ID.eq(room)).fetchOne().value1();

        db.update(TRANSCRIPT).set(TRANSCRIPT.TITLE, "Third, renamed").where(TRANSCRIPT.ID.eq(third)).execute();
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "error").where(TRANSCRIPT.ID.eq(first)).execute();

        JsonNode changed = list(as(alice), "change_seq_from=" + seen + "&sort_by=change_seq&room_id=" + room);
        assertThat(listIds(changed)).containsExactly(third, first);
        assertThat(changed.get("total").intValue()).isEqualTo(2);
        long thirdSeq = changed.get("items").get(0).get("change_seq").longValue();
        assertThat(thirdSeq).isGreaterThan(seen);
        assertThat(listIds(list(as(alice), "change_seq_from=" + thirdSeq + "&room_id=" + room)))
                .containsExactly(first);
        assertThat(listIds(list(as(alice), "sort_by=change_seq&room_id=" + room)))
                .containsExactly(second, third, first);
        assertThat(listIds(list(as(alice), "sort_by=created_at&room_id=" + room)))
                .containsExactly(third, second, first);
        assertThat(listIds(list(as(bob), "change_seq_from=0&room_id=" + room))).isEmpty();
    }

    @Test
    void listFiltersBySourceKindAndTitleAndRefusesUnknownValues() {
        String room = room(alice);
        String live = transcript(new Spec(alice, room, "private", "live", "en", "Quarterly Budget 100%", "",
                Instant.now(), STANDUP));
        String file = transcript(new Spec(alice, room, "private", "file", "en", "Hiring plan", "", Instant.now(),
                STANDUP));

        assertThat(listIds(list(as(alice), "source_kind=file&room_id=" + room))).containsExactly(file);
        assertThat(listIds(list(as(alice), "search_term=budget&room_id=" + room))).containsExactly(live);
        assertThat(listIds(list(as(alice), "search_term=" + encode("100%") + "&room_id=" + room)))
                .containsExactly(live);
        assertThat(listIds(list(as(alice), "search_term=" + encode("%") + "&room_id=" + room))).containsExactly(live);
        assertThat(listIds(list(as(alice), "search_term=&room_id=" + room))).containsExactlyInAnyOrder(live, file);
        assertThat(as(alice).get("/v1/transcripts?sort_by=title").status()).isEqualTo(422);
        assertThat(as(alice).get("/v1/transcripts?source_kind=zoom").status()).isEqualTo(422);
        assertThat(as(alice).get("/v1/transcripts?change_seq_from=soon").status()).isEqualTo(422);
        assertThat(as(alice).get("/v1/transcripts?search_term=" + encode("a\u0000")).status()).isEqualTo(422);
    }

    JsonNode list(HttpJson caller, String query) {
        Response response = caller.get("/v1/transcripts?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    static List<String> listIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").stringValue()));
        return ids;
    }
}
