package app.meetingbridge.gateway.transcript;

import java.util.ArrayList;
import java.util.Arrays;
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

    private static final Pattern QUERY_PART = Pattern.compile("\"([^\"]*)\"?|(\\S+)");

    /** Each term's words; a term of several words is a phrase. Longest first, so a phrase wins over its words. */
    private final List<List<String>> terms;

    private SearchSnippets(List<List<String>> terms) {
        this.terms = terms;
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
            List<String> words = new ArrayList<>();
            Words tokens = Words.of(phrase != null ? phrase : word);
            for (int i = 0; i < tokens.count; i++) {
                words.add((phrase != null ? phrase : word).substring(tokens.starts[i], tokens.ends[i]));
            }
            if (!words.isEmpty()) {
                terms.add(words);
            }
        }
        terms.sort(Comparator.comparingInt((List<String> words) -> -words.size()));
        return new SearchSnippets(terms);
    }

    record Found(List<String> snippets, int matchCount) {
    }

    Found in(@Nullable String longSummary, @Nullable String words) {
        List<int[]> inSummary = matches(longSummary);
        List<int[]> inWords = matches(words);
        List<String> snippets = new ArrayList<>(snippets(longSummary, inSummary, SUMMARY_SNIPPETS));
        snippets.addAll(snippets(words, inWords, MAX_SNIPPETS - snippets.size()));
        return new Found(List.copyOf(snippets), inSummary.size() + inWords.size());
    }

    int count(@Nullable String text) {
        return matches(text).size();
    }

    /** At most {@code max} snippets of {@code text}, each starting after the one before ends. */
    List<String> snippets(@Nullable String text, int max) {
        return snippets(text, matches(text), max);
    }

    private static List<String> snippets(@Nullable String text, List<int[]> matches, int max) {
        List<String> snippets = new ArrayList<>();
        if (text == null || max <= 0) {
            return snippets;
        }
        int lastEnd = 0;
        for (int[] match : matches) {
            if (snippets.size() >= max) {
                break;
            }
            int start = outsidePair(text, Math.max(0, match[0] - CONTEXT));
            if (start < lastEnd) {
                continue;
            }
            int end = outsidePair(text, Math.min(text.length(), match[0] + SNIPPET_LENGTH - CONTEXT));
            end = Math.max(end, match[1]);
            String snippet = text.substring(start, end).strip();
            if (snippet.isEmpty()) {
                continue;
            }
            snippets.add((start > 0 ? "..." : "") + snippet + (end < text.length() ? "..." : ""));
            lastEnd = end;
        }
        return snippets;
    }

    /**
     * Where the terms occur, as {start, end} character offsets, in order and not overlapping: the text is read word
     * by word once (a word is a run of letters, marks and digits) and each word compared with the terms' first
     * words in any letter case.
     */
    private List<int[]> matches(@Nullable String text) {
        List<int[]> matches = new ArrayList<>();
        if (text == null || terms.isEmpty()) {
            return matches;
        }
        Words words = Words.of(text);
        int i = 0;
        while (i < words.count) {
            int matched = 0;
            for (List<String> term : terms) {
                if (words.matchAt(text, i, term)) {
                    matched = term.size();
                    break;
                }
            }
            if (matched > 0) {
                matches.add(new int[] {words.starts[i], words.ends[i + matched - 1]});
                i += matched;
            } else {
                i++;
            }
        }
        return matches;
    }

    /** The words of a text as character offsets. */
    private static final class Words {
        int[] starts = new int[64];
        int[] ends = new int[64];
        int count;

        static Words of(String text) {
            Words words = new Words();
            int i = 0;
            while (i < text.length()) {
                int codePoint = text.codePointAt(i);
                if (!isWordChar(codePoint)) {
                    i += Character.charCount(codePoint);
                    continue;
                }
                int start = i;
                while (i < text.length() && isWordChar(codePoint = text.codePointAt(i))) {
                    i += Character.charCount(codePoint);
                }
                words.add(start, i);
            }
            return words;
        }

        private void add(int start, int end) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        /** Whether the term's words are the text's words from the {@code at}-th on, in any letter case. */
        boolean matchAt(String text, int at, List<String> term) {
            if (at + term.size() > count) {
                return false;
            }
            for (int k = 0; k < term.size(); k++) {
                String word = term.get(k);
                int start = starts[at + k];
                if (ends[at + k] - start != word.length() || !text.regionMatches(true, start, word, 0, word.length())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isWordChar(int codePoint) {
            if (Character.isLetterOrDigit(codePoint)) {
                return true;
            }
            int type = Character.getType(codePoint);
            return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
        }
    }

    /** The index moved back so that it does not split a character outside the basic plane. */
    private static int outsidePair(String text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }
}
