package app.meetingbridge.recordings.diarization;

import app.meetingbridge.transcripts.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each word the speaker of the diarization's turns: the speaker whose turns overlap the word most (their
 * overlaps added up, so overlapping turns of two speakers are weighed, not ordered); a word no turn overlaps (a
 * silence the diarizer cut out, or a word of no length) goes to the nearest turn, the earlier one when two are as
 * near. Speakers are then numbered 0, 1, ... in the order the words first hear them, whatever the diarizer called
 * them. Without turns the words keep their speakers.
 */
final class SpeakerAssignment {

    private SpeakerAssignment() {
    }

    static List<Word> assign(List<Word> words, List<Turn> turns) {
        if (turns.isEmpty()) {
            return List.copyOf(words);
        }
        Map<Integer, Integer> renumbered = new HashMap<>();
        List<Word> assigned = new ArrayList<>(words.size());
        for (Word word : words) {
            int speaker = speakerOf(word, turns);
            Integer number = renumbered.computeIfAbsent(speaker, said -> renumbered.size());
            assigned.add(word.withSpeaker(number));
        }
        return assigned;
    }

    private static int speakerOf(Word word, List<Turn> turns) {
        double from = Math.min(word.start(), word.end());
        double to = Math.max(word.start(), word.end());
        Map<Integer, Double> overlaps = new HashMap<>();
        for (Turn turn : turns) {
            double overlap = turn.overlap(from, to);
            if (overlap > 0) {
                overlaps.merge(turn.speaker(), overlap, Double::sum);
            }
        }
        if (!overlaps.isEmpty()) {
            // the most overlap; among equals the speaker of the earliest such turn
            int best = -1;
            double most = 0;
            for (Turn turn : turns) {
                double overlap = overlaps.getOrDefault(turn.speaker(), 0.0);
                if (overlap > most) {
                    most = overlap;
                    best = turn.speaker();
                }
            }
            return best;
        }
        Turn nearest = turns.get(0);
        for (Turn turn : turns) {
            if (turn.distance(from, to) < nearest.distance(from, to)) {
                nearest = turn;
            }
        }
        return nearest.speaker();
    }
}
