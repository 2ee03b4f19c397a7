package app.meetingbridge.transcripts;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive words of one speaker: their texts (each trimmed) joined by a space, from the first word's start to
 * the last word's end. A word whose text is empty does not open a segment (a segment has some text).
 */
public record Segment(int speaker, String text, double start, double end) {

    /** The words cut where the speaker changes; none for no words. */
    public static List<Segment> of(List<Word> words) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int speaker = -1;
        double start = 0;
        double end = 0;
        for (Word word : words) {
            if (word.speaker() != speaker && !text.isEmpty()) {
                segments.add(new Segment(speaker, text.toString(), start, end));
                text.setLength(0);
            }
            if (text.isEmpty()) {
                speaker = word.speaker();
                start = word.start();
            }
            text.append(text.isEmpty() ? "" : " ").append(word.text().trim());
            end = word.end();
        }
        if (!text.isEmpty()) {
            segments.add(new Segment(speaker, text.toString(), start, end));
        }
        return segments;
    }
}
