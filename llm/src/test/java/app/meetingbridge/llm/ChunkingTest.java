package app.meetingbridge.llm;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.transcripts.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ChunkingTest {

    private static final IntFunction<String> NAMES = speaker -> "Speaker " + speaker;

    @Test
    void cutsAThousandWordsIntoChunksOfThreeHundred() {
        List<Word> words = words(1000, 0);

        List<List<Word>> chunks = new Chunking(300, 15000, NAMES).split(words);

        assertThat(chunks).extracting(List::size).containsExactly(300, 300, 300, 100);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(words);
    }

    @Test
    void makesSmallerChunksWhenTheContextWindowIsSmall() {
        List<Word> words = words(1000, 0);

        List<List<Word>> chunks = new Chunking(300, 300, NAMES).split(words);

        assertThat(chunks.size()).isGreaterThan(4);
        for (List<Word> chunk : chunks) {
            assertThat(Chunking.render(chunk, NAMES).length()).isLessThanOrEqualTo(300 * Chunking.CHARS_PER_TOKEN);
        }
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(words);
    }

    @Test
    void countsTheSpeakersNamesAtEachChangeOfSpeaker() {
        List<Word> oneSpeaker = words(100, 0);
        List<Word> turns = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            turns.add(new Word("w" + i, i, i + 0.5, i % 2));
        }

        int maxTokens = 100;
        int oneSpeakerChunks = new Chunking(300, maxTokens, NAMES).split(oneSpeaker).size();
        List<List<Word>> turnChunks = new Chunking(300, maxTokens, NAMES).split(turns);

        assertThat(turnChunks.size()).isGreaterThan(oneSpeakerChunks);
        for (List<Word> chunk : turnChunks) {
            assertThat(Chunking.render(chunk, NAMES).length()).isLessThanOrEqualTo(maxTokens * Chunking.CHARS_PER_TOKEN);
        }
    }

    @Test
    void endsAChunkAfterTheLastSentenceOfItsLastQuarter() {
        List<Word> words = words(400, 0);
        words.set(279, new Word("done.", 279, 279.5, 0));

        List<List<Word>> chunks = new Chunking(300, 15000, NAMES).split(words);

        assertThat(chunks.get(0)).hasSize(280).last().extracting(Word::text).isEqualTo("done.");
        assertThat(chunks.get(1)).hasSize(120);
    }

    @Test
    void keepsAWordLongerThanTheLimitInAChunkOfItsOwn() {
        List<Word> words = List.of(new Word("x".repeat(100), 0, 1, 0), new Word("y", 1, 2, 0));

        List<List<Word>> chunks = new Chunking(300, 5, NAMES).split(words);

        assertThat(chunks).hasSize(2);
    }

    @Test
    void rendersOneLinePerSpeakerTurnWithTheirNames() {
        List<Word> words = List.of(new Word(" Hello", 0, 1, 0), new Word(" there.", 1, 2, 0),
                new Word("Hi", 2, 3, 1), new Word(" ", 3, 3.1, 1), new Word("Bye", 4, 5, 0));

        String text = Chunking.render(words, speaker -> speaker == 0 ? "Alice" : "Bob");

        assertThat(text).isEqualTo("Alice: Hello there.\nBob: Hi\nAlice: Bye");
    }

    static List<Word> words(int count, int speaker) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(new Word("word" + i, i * 0.5, i * 0.5 + 0.4, speaker));
        }
        return words;
    }
}
