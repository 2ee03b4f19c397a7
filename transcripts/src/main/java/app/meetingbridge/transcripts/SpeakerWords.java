package app.meetingbridge.transcripts;

import java.util.ArrayList;
import java.util.List;

/** One speaker's turn: consecutive words of that speaker, as they are stored. */
public record SpeakerWords(int speaker, List<Word> words) {

    public SpeakerWords {
        words = List.copyOf(words);
    }

    /** The words cut where the speaker changes, in order; none for no words. */
    public static List<SpeakerWords> of(List<Word> words) {
        List<SpeakerWords> turns = new ArrayList<>();
        List<Word> turn = new ArrayList<>();
        for (Word word : words) {
            if (!turn.isEmpty() && turn.get(0).speaker() != word.speaker()) {
                turns.add(new SpeakerWords(turn.get(0).speaker(), turn));
                turn.clear();
            }
            turn.add(word);
        }
        if (!turn.isEmpty()) {
            turns.add(new SpeakerWords(turn.get(0).speaker(), turn));
        }
        return turns;
    }
}
