package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchSnippetsTest {

    static final String SUMMARY = "The team reviewed the quarterly budget and agreed to move the launch to May, "
            + "after the design review, the security audit and the customer interviews planned for April. "
            + "Marketing asked for a larger budget next quarter.";

    @Test
    void cutsFiftyCharactersBeforeAMatchAndAHundredFromItWithEllipsesWhereTheTextGoesOn() {
        String words = "a".repeat(10) + " " + "filler ".repeat(20) + "roadmap " + "filler ".repeat(30);
        SearchSnippets.Found found = SearchSnippets.forQuery("roadmap").in(null, words);

        int at = words.indexOf("roadmap");
        assertThat(found.snippets()).containsExactly("..." + words.substring(at - 50, at + 100).strip() + "...");
        assertThat(found.matchCount()).isEqualTo(1);
    }

    @Test
    void takesAtMostTwoFromTheLongSummaryThenTheWordsThreeInAllAndCountsEveryMatchInBoth() {
        String words = "budget ".repeat(3) + "x".repeat(200) + " budget " + "y".repeat(200) + " budget";
        SearchSnippets.Found found = SearchSnippets.forQuery("Budget").in(SUMMARY, words);

        assertThat(found.snippets()).hasSize(3);
        assertThat(found.snippets().get(0)).startsWith("The team reviewed the quarterly budget");
        assertThat(found.snippets().get(1)).contains("larger budget next quarter.");
        assertThat(found.snippets().get(2)).startsWith("budget budget budget");
        assertThat(found.matchCount()).isEqualTo(2 + 5);
    }

    @Test
    void skipsAMatchInsideTheSnippetBeforeIt() {
        SearchSnippets.Found found = SearchSnippets.forQuery("budget").in(null, "budget budget budget and more");

        assertThat(found.snippets()).containsExactly("budget budget budget and more");
        assertThat(found.matchCount()).isEqualTo(3);
    }

    @Test
    void matchesWholeWordsOnlyAndQuotedPhrasesAsWordsInARow() {
        SearchSnippets phrase = SearchSnippets.forQuery("\"quarterly budget\"");

        assertThat(phrase.count("the quarterly budget, the quarterly  Budget; budget quarterly")).isEqualTo(2);
        assertThat(SearchSnippets.forQuery("bud").count("budget budgets")).isZero();
        assertThat(SearchSnippets.forQuery("budget").count("budgets, budget.")).isEqualTo(1);
    }

    @Test
    void leavesOutExcludedWordsAndOr() {
        SearchSnippets query = SearchSnippets.forQuery("budget or roadmap -launch");

        assertThat(query.count("budget roadmap launch or")).isEqualTo(2);
    }

    @Test
    void findsWordsWithAccentsSharpSAndNonLatinScriptsInAnyCase() {
        assertThat(SearchSnippets.forQuery("café").count("Le CAFÉ du coin, un café")).isEqualTo(2);
        assertThat(SearchSnippets.forQuery("straße").count("Die STRASSE und die Straße")).isEqualTo(1);
        assertThat(SearchSnippets.forQuery("会議").count("今日 の 会議 は 会議室 で")).isEqualTo(1);
    }

    @Test
    void aQueryWithoutWordsMatchesNothing() {
        SearchSnippets.Found found = SearchSnippets.forQuery("!!! \"\" -").in(SUMMARY, "anything at all");

        assertThat(found.snippets()).isEmpty();
        assertThat(found.matchCount()).isZero();
    }

    @Test
    void neverSplitsACharacterOutsideTheBasicPlane() {
        String words = "😀".repeat(40) + " plan";
        String snippet = SearchSnippets.forQuery("plan").snippets(words, 1).get(0);

        assertThat(snippet).startsWith("...");
        assertThat(Character.isLowSurrogate(snippet.charAt(3))).isFalse();
    }
}
