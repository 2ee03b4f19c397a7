package app.meetingbridge.llm;

import app.meetingbridge.transcripts.Word;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The topics found so far, chunk by chunk. A chunk whose answer says it continues the previous topic's subject
 * joins that topic: its words are added, and the title and summary the model gave for the whole topic so far
 * (it was shown the previous title and summary) replace the old ones. Any other chunk starts a new topic.
 * The first chunk always starts one.
 */
final class DraftTopics {

    /** The model's answer for one chunk. */
    record ChunkAnswer(String title, String summary, boolean continuesPrevious) {
    }

    record Draft(String title, String summary, List<Word> words) {
    }

    private final List<Draft> drafts = new ArrayList<>();

    void add(List<Word> chunk, ChunkAnswer answer) {
        if (answer.continuesPrevious() && !drafts.isEmpty()) {
            Draft last = drafts.remove(drafts.size() - 1);
            List<Word> words = new ArrayList<>(last.words());
            words.addAll(chunk);
            drafts.add(new Draft(answer.title(), answer.summary(), List.copyOf(words)));
        } else {
            drafts.add(new Draft(answer.title(), answer.summary(), List.copyOf(chunk)));
        }
    }

    /** Words that needed no question of their own (no text in them) join the last topic. */
    void appendToLast(List<Word> chunk) {
        if (drafts.isEmpty()) {
            throw new IllegalStateException("no topic yet to add words to");
        }
        Draft last = drafts.remove(drafts.size() - 1);
        List<Word> words = new ArrayList<>(last.words());
        words.addAll(chunk);
        drafts.add(new Draft(last.title(), last.summary(), List.copyOf(words)));
    }

    @Nullable Draft last() {
        return drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
    }

    List<Draft> drafts() {
        return List.copyOf(drafts);
    }
}
