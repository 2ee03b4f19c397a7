package app.meetingbridge.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * How summaries too long to be read at once are cut for condensing: consecutive summaries in batches of at most
 * {@code maxChars} characters (a summary longer than that alone in its batch), each batch condensed into one
 * summary, again until they all fit.
 */
final class Condensing {

    private Condensing() {
    }

    static int length(List<String> summaries) {
        return summaries.stream().mapToInt(summary -> summary.length() + 3).sum();
    }

    static List<List<String>> batches(List<String> summaries, int maxChars) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int chars = 0;
        for (String summary : summaries) {
            int cost = summary.length() + 3;
            if (!batch.isEmpty() && chars + cost > maxChars) {
                batches.add(List.copyOf(batch));
                batch.clear();
                chars = 0;
            }
            batch.add(summary);
            chars += cost;
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return batches;
    }
}
