package app.meetingbridge.transcripts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The speaker corrections, as Reflector makes them: each gives the topics after the change. */
public final class SpeakerEdits {

    private SpeakerEdits() {
    }

    /** Every word that starts within {@code [from, to]} (both ends included) is said by {@code speaker}. */
    public static List<Topic> assign(List<Topic> topics, double from, double to, int speaker) {
        return topics.stream().map(topic -> topic.withWords(word ->
                from <= word.start() && word.start() <= to ? word.withSpeaker(speaker) : word)).toList();
    }

    /** Every word of speaker {@code from} is said by speaker {@code to}. */
    public static List<Topic> merge(List<Topic> topics, int from, int to) {
        return topics.stream().map(topic -> topic.withWords(word ->
                word.speaker() == from ? word.withSpeaker(to) : word)).toList();
    }

    /** The smallest speaker number (from 0) that no word carries: a seat for a participant who has none. */
    public static int emptySpeaker(List<Topic> topics) {
        Set<Integer> taken = new HashSet<>();
        for (Topic topic : topics) {
            for (Word word : topic.words()) {
                taken.add(word.speaker());
            }
        }
        int speaker = 0;
        while (taken.contains(speaker)) {
            speaker++;
        }
        return speaker;
    }
}
