package app.meetingbridge.gateway.transcript;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a search query's words occur in a transcript's long summary and words, as Reflector shows them: plain text
 * cut around each match (no markup: the frontend marks the query's words itself), "..." where the text goes on, the
 * long summary's first (at most {@value #SUMMARY_SNIPPETS}), then the words', {@value #MAX_SNIPPETS} in all, none
 * overlapping the one before; and how many matches both hold in all.
 *
 * <p>A match is what the database's search matched: one of the query's words, or a quoted phrase's words in a row,
 * as whole words in any letter case. Words the query excludes ({@code -word}) and its {@code or} are no matches.
 */
final class SearchSnippets {

    static final int MAX_SNIPPETS = 3;
    static final int SUMMARY_SNIPPETS = 2;
    /** Characters shown before a match, and in all with it and after it (more only for a longer match). */
    static final int CONTEXT = 50;
    static final int SNIPPET_LENGTH = 150;

    private static final String WORD_CHAR = "[\\p{L}\\p{M}\\p{N}]";
    private static final Pattern QUERY_PART = Pattern.compile("\"([^\"]*)\"?|(\\S+)");
    private static final Pattern WORD = Pattern.compile(WORD_CHAR + "+");

    private final @Nullable Pattern matches;

    private SearchSnippets(@Nullable Pattern matches) {
        this.matches = matches;
    }

    /** For the query text as the caller wrote it (the database reads it as {@code websearch_to_tsquery} does). */
    static SearchSnippets forQuery(String query) {
        List<List<String>> terms = new ArrayList<>();
        Matcher part = QUERY_PART.matcher(query);
        while (part.find()) {
            String phrase = part.group(1);
            String word = part.group(2);
            if (word != null && (word.startsWith("-") || word.equalsIgnoreCase("or"))) {
                continue;
            }
            List<String> words = words(phrase != null ? phrase : word);
            if (!words.isEmpty()) {
                terms.add(words);
            }
        }
        if (terms.isEmpty()) {
            return new SearchSnippets(null);
        }
        terms.sort(Comparator.comparingInt((List<String> words) -> -String.join(" ", words).length()));
        List<String> alternatives = new ArrayList<>();
        for (List<String> words : terms) {
            alternatives.add(String.join("[^\\p{L}\\p{M}\\p{N}]+", words.stream().map(Pattern::quote).toList()));
        }
        return new SearchSnippets(Pattern.compile("(?<!" + WORD_CHAR + ")(?:" + String.join("|", alternatives) + ")(?!"
                + WORD_CHAR + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    record Found(List<String> snippets, int matchCount) {
    }

    Found in(@Nullable String longSummary, @Nullable String words) {
        List<String> snippets = new ArrayList<>(snippets(longSummary, SUMMARY_SNIPPETS));
        if (snippets.size() < MAX_SNIPPETS) {
            snippets.addAll(snippets(words, MAX_SNIPPETS - snippets.size()));
        }
        return new Found(List.copyOf(snippets), count(longSummary) + count(words));
    }

    int count(@Nullable String text) {
        if (matches == null || text == null) {
            return 0;
        }
        int count = 0;
        Matcher match = matches.matcher(text);
        while (match.find()) {
            count++;
        }
        return count;
    }

    /** At most {@code max} snippets of {@code text}, each starting after the one before ends. */
    List<String> snippets(@Nullable String text, int max) {
        List<String> snippets = new ArrayList<>();
        if (matches == null || text == null || max <= 0) {
            return snippets;
        }
        Matcher match = matches.matcher(text);
        int lastEnd = 0;
        while (snippets.size() < max && match.find()) {
            int start = outsidePair(text, Math.max(0, match.start() - CONTEXT));
            if (start < lastEnd) {
                continue;
            }
            int end = outsidePair(text, Math.min(text.length(), match.start() + SNIPPET_LENGTH - CONTEXT));
            end = Math.max(end, Math.min(text.length(), match.end()));
            String snippet = text.substring(start, end).strip();
            if (snippet.isEmpty()) {
                continue;
            }
            snippets.add((start > 0 ? "..." : "") + snippet + (end < text.length() ? "..." : ""));
            lastEnd = end;
        }
        return snippets;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    /** The index moved back so that it does not split a character outside the basic plane. */
    private static int outsidePair(String text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }
}
