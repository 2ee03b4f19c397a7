package app.meetingbridge.recordings.recording;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The data of the live events a transcript's stored words make, in Reflector's socket shapes: {@code TRANSCRIPT}
 * {@code {text, translation: null}} (the words of every topic), and one {@code TOPIC} per topic as the topics
 * endpoint answers it ({@code {id, title, summary, timestamp, duration, transcript, segments: [{text, start,
 * speaker}]}}, a segment being one speaker's run of words).
 */
final class LiveEvents {

    private LiveEvents() {
    }

    static Map<String, Object> text(List<Map<String, Object>> topics) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", topics.stream().map(topic -> Objects.toString(topic.get("transcript"), ""))
                .filter(text -> !text.isBlank()).collect(Collectors.joining(" ")));
        data.put("translation", null);
        return data;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> topic(Map<String, Object> topic) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String field : List.of("id", "title", "summary", "timestamp", "duration", "transcript")) {
            data.put(field, topic.get(field));
        }
        List<Map<String, Object>> words = (List<Map<String, Object>>) topic.getOrDefault("words", List.of());
        List<Map<String, Object>> segments = new ArrayList<>();
        Map<String, Object> segment = null;
        for (Map<String, Object> word : words) {
            Object speaker = word.get("speaker");
            if (segment == null || !Objects.equals(segment.get("speaker"), speaker)) {
                segment = new LinkedHashMap<>();
                segment.put("text", Objects.toString(word.get("text"), ""));
                segment.put("start", word.get("start"));
                segment.put("speaker", speaker);
                segments.add(segment);
            } else {
                segment.put("text", segment.get("text") + " " + word.get("text"));
            }
        }
        data.put("segments", segments);
        return data;
    }
}
