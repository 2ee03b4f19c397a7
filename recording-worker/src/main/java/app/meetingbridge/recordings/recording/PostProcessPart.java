package app.meetingbridge.recordings.recording;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** What the language model makes of a transcript, each stored (and retried) on its own. */
enum PostProcessPart {
    /** Titled topics, in place of the one untitled topic holding every word. */
    TOPICS("topics"),
    /** The title, short and long summaries and action items. */
    RECAP("recap");

    private final String column;

    PostProcessPart(String column) {
        this.column = column;
    }

    /** Its name in {@code transcript.postprocess_missing}. */
    String column() {
        return column;
    }

    static Set<PostProcessPart> of(Collection<String> columns) {
        Set<PostProcessPart> parts = EnumSet.noneOf(PostProcessPart.class);
        for (PostProcessPart part : values()) {
            if (columns.contains(part.column)) {
                parts.add(part);
            }
        }
        return parts;
    }

    static String[] columns(Set<PostProcessPart> parts) {
        return parts.stream().map(PostProcessPart::column).toArray(String[]::new);
    }
}
