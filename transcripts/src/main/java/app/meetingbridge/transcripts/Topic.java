package app.meetingbridge.transcripts;

import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A stretch of the transcript: its id, title and summary, where it starts ({@code timestamp}, seconds), how long
 * it lasts (null when unknown), its text as stored and its words.
 */
public record Topic(String id, String title, String summary, double timestamp, @Nullable Double duration,
                    String transcript, List<Word> words) {

    public Topic {
        words = List.copyOf(words);
    }

    /** Its words cut where the speaker changes. */
    public List<Segment> segments() {
        return Segment.of(words);
    }

    /** Its words by speaker turn. */
    public List<SpeakerWords> wordsPerSpeaker() {
        return SpeakerWords.of(words);
    }

    /** The segments' texts joined by a space; the stored text when it has no words. */
    public String text() {
        List<Segment> segments = segments();
        if (segments.isEmpty()) {
            return transcript;
        }
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            text.append(text.isEmpty() ? "" : " ").append(segment.text());
        }
        return text.toString();
    }

    /** The same topic with each word changed by {@code change}; this topic itself when no word changes. */
    public Topic withWords(UnaryOperator<Word> change) {
        List<Word> changed = words.stream().map(change).toList();
        return changed.equals(words) ? this : new Topic(id, title, summary, timestamp, duration, transcript, changed);
    }
}
