package app.meetingbridge.transcripts;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the transcript row stores, read leniently (a missing text is empty, a missing number 0, a missing
 * duration null, as Reflector's rows and ours have them) and written in Reflector's shape:
 * topics {@code [{id, title, summary, timestamp, duration, transcript, words: [{text, start, end, speaker}]}]},
 * participants {@code [{id, speaker, name, user_id}]}.
 */
public final class TranscriptJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TranscriptJson() {
    }

    public static List<Topic> topics(String json) {
        return topics(JSON.readTree(json));
    }

    public static List<Topic> topics(JsonNode topics) {
        List<Topic> out = new ArrayList<>();
        for (JsonNode topic : topics) {
            out.add(topic(topic));
        }
        return out;
    }

    public static Topic topic(JsonNode topic) {
        return new Topic(topic.path("id").asString(""), topic.path("title").asString(""),
                topic.path("summary").asString(""), topic.path("timestamp").asDouble(0),
                topic.path("duration").isNumber() ? topic.get("duration").doubleValue() : null,
                topic.path("transcript").asString(""), words(topic.path("words")));
    }

    public static List<Word> words(JsonNode words) {
        List<Word> out = new ArrayList<>();
        for (JsonNode word : words) {
            out.add(new Word(word.path("text").asString(""), word.path("start").asDouble(0),
                    word.path("end").asDouble(0), word.path("speaker").asInt(0)));
        }
        return out;
    }

    public static List<Participant> participants(String json) {
        return participants(JSON.readTree(json));
    }

    public static List<Participant> participants(JsonNode participants) {
        List<Participant> out = new ArrayList<>();
        for (JsonNode participant : participants) {
            out.add(new Participant(participant.path("id").asString(null),
                    participant.path("speaker").isNumber() ? participant.get("speaker").intValue() : null,
                    text(participant.path("name")),
                    participant.path("user_id").isString() ? participant.get("user_id").stringValue() : null));
        }
        return out;
    }

    public static String topicsJson(List<Topic> topics) {
        ArrayNode out = JSON.createArrayNode();
        for (Topic topic : topics) {
            out.add(topicNode(topic));
        }
        return JSON.writeValueAsString(out);
    }

    public static ObjectNode topicNode(Topic topic) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", topic.id());
        out.put("title", topic.title());
        out.put("summary", topic.summary());
        out.put("timestamp", topic.timestamp());
        out.put("duration", topic.duration());
        out.put("transcript", topic.transcript());
        ArrayNode words = out.putArray("words");
        for (Word word : topic.words()) {
            words.addObject().put("text", word.text()).put("start", word.start()).put("end", word.end())
                    .put("speaker", word.speaker());
        }
        return out;
    }

    public static String participantsJson(List<Participant> participants) {
        ArrayNode out = JSON.createArrayNode();
        for (Participant participant : participants) {
            out.addObject().put("id", participant.id()).put("speaker", participant.speaker())
                    .put("name", participant.name()).put("user_id", participant.userId());
        }
        return JSON.writeValueAsString(out);
    }

    private static @Nullable String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }
}
