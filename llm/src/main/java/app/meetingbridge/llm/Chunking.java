package app.meetingbridge.llm;

import app.meetingbridge.transcripts.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Cuts a transcript's words into the chunks whose topics are asked for: in order, every word in exactly one chunk,
 * each of at most {@code maxWords} words and at most {@code maxTokens} tokens as the model will read it (the words
 * with their speakers' names at each change of speaker, a token taken as four characters). A chunk that reaches a
 * limit ends, when it can, after the last sentence (a word ending in . ? or !) of its last quarter, so that
 * a chunk rarely stops mid-sentence.
 */
final class Chunking {

    /** Reflector's topic chunks are about this many words. */
    static final int WORDS_PER_CHUNK = 300;
    static final int CHARS_PER_TOKEN = 4;

    private final int maxWords;
    private final int maxChars;
    private final IntFunction<String> speakerName;

    Chunking(int maxWords, int maxTokens, IntFunction<String> speakerName) {
        if (maxWords < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("a chunk must hold at least one word and one token");
        }
        this.maxWords = maxWords;
        this.maxChars = maxTokens * CHARS_PER_TOKEN;
        this.speakerName = speakerName;
    }

    List<List<Word>> split(List<Word> words) {
        List<List<Word>> chunks = new ArrayList<>();
        int from = 0;
        while (from < words.size()) {
            int end = from;
            int chars = 0;
            int speaker = Integer.MIN_VALUE;
            while (end < words.size()) {
                Word word = words.get(end);
                int cost = word.text().strip().length() + 1
                        + (word.speaker() != speaker ? speakerName.apply(word.speaker()).length() + 3 : 0);
                if (end > from && (end - from >= maxWords || chars + cost > maxChars)) {
                    break;
                }
                chars += cost;
                speaker = word.speaker();
                end++;
            }
            if (end < words.size()) {
                end = afterLastSentence(words, from, end);
            }
            chunks.add(List.copyOf(words.subList(from, end)));
            from = end;
        }
        return chunks;
    }

    private static int afterLastSentence(List<Word> words, int from, int end) {
        int earliest = end - Math.max(1, (end - from) / 4);
        for (int i = end - 1; i >= earliest && i > from; i--) {
            String text = words.get(i).text().strip();
            if (text.endsWith(".") || text.endsWith("?") || text.endsWith("!")) {
                return i + 1;
            }
        }
        return end;
    }

    /** The words as the model reads them: one line per speaker turn, {@code Name: words}. */
    static String render(List<Word> words, IntFunction<String> speakerName) {
        StringBuilder text = new StringBuilder();
        int speaker = Integer.MIN_VALUE;
        for (Word word : words) {
            String said = word.text().strip();
            if (said.isEmpty()) {
                continue;
            }
            if (word.speaker() != speaker) {
                text.append(text.isEmpty() ? "" : "\n").append(speakerName.apply(word.speaker())).append(":");
                speaker = word.speaker();
            }
            text.append(' ').append(said);
        }
        return text.toString();
    }
}
