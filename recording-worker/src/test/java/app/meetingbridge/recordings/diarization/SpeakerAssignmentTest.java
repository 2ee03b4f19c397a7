package app.meetingbridge.recordings.diarization;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.transcripts.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerAssignmentTest {

    static Word word(String text, double start, double end) {
        return new Word(text, start, end, 0);
    }

    static List<Integer> speakers(List<Word> words) {
        return words.stream().map(Word::speaker).toList();
    }

    @Test
    void eachWordGoesToTheSpeakerWhoseTurnItIsIn() {
        List<Word> words = List.of(word("Hello", 0.2, 0.5), word("there", 0.6, 0.9), word("Hi", 1.6, 1.9));
        List<Turn> turns = List.of(new Turn(0.0, 1.2, 3), new Turn(1.3, 2.5, 7));

        List<Word> assigned = SpeakerAssignment.assign(words, turns);

        assertThat(speakers(assigned)).containsExactly(0, 0, 1);
        assertThat(assigned.get(2)).isEqualTo(new Word("Hi", 1.6, 1.9, 1));
    }

    @Test
    void aWordAcrossTwoTurnsGoesToTheSpeakerItOverlapsMost() {
        List<Turn> turns = List.of(new Turn(0.0, 1.0, 0), new Turn(1.0, 3.0, 1));

        assertThat(speakers(SpeakerAssignment.assign(List.of(word("so", 0.7, 1.1)), turns))).containsExactly(0);
        assertThat(speakers(SpeakerAssignment.assign(List.of(word("a", 0.5, 0.6), word("so", 0.9, 1.4)), turns)))
                .containsExactly(0, 1);
    }

    @Test
    void overlapsOfOneSpeakersTurnsAddUp() {
        // speaker 1's two short turns cover more of the word than speaker 0's one
        List<Turn> turns = List.of(new Turn(0.0, 0.4, 0), new Turn(0.4, 0.7, 1), new Turn(0.8, 1.1, 1),
                new Turn(1.1, 2.0, 0));

        assertThat(speakers(SpeakerAssignment.assign(List.of(word("intro", 0.1, 0.2), word("word", 0.3, 1.0)),
                turns))).containsExactly(0, 1);
    }

    @Test
    void overlappingTurnsAreWeighedNotOrdered() {
        List<Turn> turns = List.of(new Turn(0.0, 2.0, 0), new Turn(1.0, 3.0, 1));

        assertThat(speakers(SpeakerAssignment.assign(List.of(word("a", 0.2, 0.4), word("b", 1.1, 1.3),
                word("c", 1.8, 2.6)), turns))).containsExactly(0, 0, 1);
    }

    @Test
    void aWordOutsideEveryTurnGoesToTheNearestTurn() {
        List<Turn> turns = List.of(new Turn(1.0, 2.0, 4), new Turn(5.0, 6.0, 9));

        List<Word> assigned = SpeakerAssignment.assign(List.of(word("early", 0.1, 0.3), word("late", 2.2, 2.4),
                word("almost", 4.5, 4.8), word("after", 7.0, 7.5)), turns);

        assertThat(speakers(assigned)).containsExactly(0, 0, 1, 1);
    }

    @Test
    void aWordOfNoLengthGoesToTheTurnItFallsIn() {
        List<Turn> turns = List.of(new Turn(0.0, 1.0, 2), new Turn(1.0, 2.0, 5));

        assertThat(speakers(SpeakerAssignment.assign(List.of(word("uh", 0.5, 0.5), word("mm", 1.5, 1.5)), turns)))
                .containsExactly(0, 1);
    }

    @Test
    void speakersAreNumberedInTheOrderTheyAreFirstHeard() {
        List<Turn> turns = List.of(new Turn(0.0, 1.0, 2), new Turn(1.0, 2.0, 0), new Turn(2.0, 3.0, 1),
                new Turn(3.0, 4.0, 2));

        List<Word> assigned = SpeakerAssignment.assign(List.of(word("a", 0.1, 0.2), word("b", 1.1, 1.2),
                word("c", 2.1, 2.2), word("d", 3.1, 3.2)), turns);

        assertThat(speakers(assigned)).containsExactly(0, 1, 2, 0);
    }

    @Test
    void aSpeakerWithoutWordsTakesNoNumber() {
        List<Turn> turns = List.of(new Turn(0.0, 1.0, 5), new Turn(1.0, 2.0, 6), new Turn(2.0, 3.0, 7));

        assertThat(speakers(SpeakerAssignment.assign(List.of(word("a", 0.1, 0.2), word("c", 2.1, 2.2)), turns)))
                .containsExactly(0, 1);
    }

    @Test
    void withoutTurnsTheWordsAreAsGiven() {
        List<Word> words = List.of(word("a", 0.1, 0.2), new Word("b", 0.3, 0.4, 1));

        assertThat(SpeakerAssignment.assign(words, List.of())).isEqualTo(words);
    }

    @Test
    void noWordsGiveNoWords() {
        assertThat(SpeakerAssignment.assign(List.of(), List.of(new Turn(0, 1, 0)))).isEmpty();
    }
}
