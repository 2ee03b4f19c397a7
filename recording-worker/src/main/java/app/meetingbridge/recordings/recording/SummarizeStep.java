package app.meetingbridge.recordings.recording;

import app.meetingbridge.llm.LanguageModelException;
import app.meetingbridge.llm.PostProcessor;
import app.meetingbridge.llm.Recap;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.Word;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 4: what the language model makes of the words, when one is configured: titled topics (in place of the one
 * untitled topic the words come in), then the recap (title, summaries, action items) from them. A model that is down,
 * slow past its retries, or keeps answering what cannot be used never fails the transcript: what it could not make is
 * returned as missing (a server that refuses, with a wrong key say, too: it may be set right), the words stay as they
 * came, and the part is tried again later ({@link PostProcessRetry}).
 * The recap is made from the topics' summaries, so it waits for the topics.
 */
final class SummarizeStep {

    private static final Logger log = LoggerFactory.getLogger(SummarizeStep.class);

    private final @Nullable PostProcessor model;

    SummarizeStep(@Nullable PostProcessor model) {
        this.model = model;
    }

    boolean enabled() {
        return model != null;
    }

    /** A transcript's first run: everything made from its untitled topics. */
    PostProcessed run(String transcriptId, List<Topic> untitled, Map<Integer, String> speakerNames) {
        return complete(transcriptId, untitled, EnumSet.allOf(PostProcessPart.class), speakerNames);
    }

    /** Makes the {@code missing} parts of a transcript whose topics are {@code stored}. */
    PostProcessed complete(String transcriptId, List<Topic> stored, Set<PostProcessPart> missing,
                           Map<Integer, String> speakerNames) {
        List<Word> words = stored.stream().flatMap(topic -> topic.words().stream()).toList();
        if (model == null || missing.isEmpty() || words.isEmpty()) {
            return new PostProcessed(stored, null, Set.of()); // nothing to make: no model, or nothing said
        }
        Set<PostProcessPart> still = EnumSet.copyOf(missing);
        List<Topic> topics = stored;
        Recap recap = null;
        try {
            if (still.contains(PostProcessPart.TOPICS)) {
                topics = model.topics(words, speakerNames);
                still.remove(PostProcessPart.TOPICS);
            }
            if (still.contains(PostProcessPart.RECAP)) {
                recap = model.recap(topics, speakerNames);
                still.remove(PostProcessPart.RECAP);
            }
        } catch (LanguageModelException e) { // down, refusing (a wrong key, say) or answering nothing usable
            log.warn("transcript {}: the language model could not make its {} ({}); the words are kept, tried again later",
                    transcriptId, still.stream().map(PostProcessPart::column).toList(), e.getMessage());
        }
        return new PostProcessed(topics, recap, still);
    }
}
