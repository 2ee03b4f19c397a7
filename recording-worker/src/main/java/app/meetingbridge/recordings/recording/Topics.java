package app.meetingbridge.recordings.recording;

import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.Word;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The topics a transcript's words are stored in, until something finds the real ones. */
final class Topics {

    private Topics() {
    }

    /**
     * One untitled topic spanning the recording ({@code durationMs}) with all the words, its text the words joined
     * by spaces.
     */
    static List<Topic> untitled(List<Word> words, long durationMs) {
        String text = words.stream().map(Word::text).collect(Collectors.joining(" "));
        return List.of(new Topic(UUID.randomUUID().toString(), "", "", 0.0, durationMs / 1000.0, text, words));
    }
}
