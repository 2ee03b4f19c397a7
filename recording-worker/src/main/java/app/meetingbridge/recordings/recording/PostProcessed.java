package app.meetingbridge.recordings.recording;

import app.meetingbridge.llm.Recap;
import app.meetingbridge.transcripts.Topic;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the language-model step made of a transcript's words: its topics (titled, or the one untitled topic when the
 * model could not make them), its recap when made, and the parts still missing, to be tried again later.
 */
record PostProcessed(List<Topic> topics, @Nullable Recap recap, Set<PostProcessPart> missing) {

    PostProcessed {
        topics = List.copyOf(topics);
        missing = missing.isEmpty() ? EnumSet.noneOf(PostProcessPart.class) : EnumSet.copyOf(missing);
    }

    boolean complete() {
        return missing.isEmpty();
    }
}
