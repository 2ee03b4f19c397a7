package app.meetingbridge.recordings.recording;

import app.meetingbridge.transcripts.Segment;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data of the live events a transcript's stored words make, in Reflector's socket shapes and by the shared
 * rendering of the stored JSON (the topics endpoint's): {@code TRANSCRIPT} {@code {text, translation: null}} (every
 * topic's text), and one {@code TOPIC} per topic ({@code {id, title, summary, timestamp, duration, transcript,
 * segments: [{text, start, speaker}]}}, a segment being one speaker's run of words).
 */
final class LiveEvents {

    private LiveEvents() {
    }

    /** The topics as stored ({@code transcript.topics}). */
    static List<Topic> topics(String topicsJson) {
        return TranscriptJson.topics(topicsJson);
    }

    static Map<String, Object> text(List<Topic> topics) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", topics.stream().map(Topic::text).filter(text -> !text.isBlank())
                .collect(Collectors.joining(" ")));
        data.put("translation", null);
        return data;
    }

    static Map<String, Object> topic(Topic topic) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", topic.id());
        data.put("title", topic.title());
        data.put("summary", topic.summary());
        data.put("timestamp", topic.timestamp());
        data.put("duration", topic.duration());
        data.put("transcript", topic.text());
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Segment segment : topic.segments()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("text", segment.text());
            one.put("start", segment.start());
            one.put("speaker", segment.speaker());
            segments.add(one);
        }
        data.put("segments", segments);
        return data;
    }
}
