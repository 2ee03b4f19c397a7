package app.meetingbridge.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the model is asked, and the JSON schemas of its answers. The schemas follow the rules of strict structured
 * outputs: every property required (an optional one may be null) and no other properties.
 */
final class Prompts {

    private Prompts() {
    }

    /** Room for the instructions, the previous topic and the answer, in tokens, beside a chunk of transcript. */
    static final int TOPIC_RESERVE_TOKENS = 1200;
    /** Room for the instructions, the participants and the answer beside the topics' summaries. */
    static final int RECAP_RESERVE_TOKENS = 2500;

    static final String TOPIC_INSTRUCTIONS = """
            You read part of a meeting's transcript and say what it is about. Give:
            - title: a short descriptive title of the subject discussed (at most 10 words, a noun phrase, no quotes);
            - summary: one or two sentences on what was said about it, naming people when the transcript does;
            - continues_previous_topic: true when this part goes on with the subject of the previous topic given
              to you (then title and summary describe the whole topic: the previous part and this one together),
              false when it moves to another subject or when no previous topic is given.
            Answer in the transcript's language. Ignore greetings and small talk unless that is all there is.""";

    static final String SUMMARY_INSTRUCTIONS = """
            You write the recap of a meeting from its topics' summaries, in order. Give:
            - title: a concise title of the meeting (at most 10 words, a noun phrase; no generic words such as
              "Team Meeting" or "Discussion"; if several unrelated subjects were discussed, the most important one
              or a compound title such as "Product Launch and Budget Planning");
            - short_summary: one paragraph of what the meeting was about and what came out of it;
            - long_summary: a few paragraphs or bullet points in Markdown covering each subject, what was decided
              and who will do what.
            Use the participants' names where you know who said or decided something. Answer in the meeting's
            language. Only say what the summaries support.""";

    static final String ACTION_ITEMS_INSTRUCTIONS = """
            You list what a meeting decided and what is to be done next, from its topics' summaries. Give:
            - decisions: each decision made, with its rationale, who decided it (a name), and when that person is
              one of the participants listed, their number as decided_by_participant_id;
            - next_steps: each task to be done, with who it is assigned to (a name), and when that person is one
              of the participants listed, their number as assigned_to_participant_id; its deadline or timeframe
              and any useful context.
            Use null for what is not known. Only list what was actually decided or agreed, not every idea
            mentioned; empty lists when there is none.""";

    static final String CONDENSE_INSTRUCTIONS = """
            You condense the summaries of consecutive parts of a meeting into one summary that keeps every subject,
            decision, task and the names of the people involved, in order. Give:
            - summary: the condensed summary, a few sentences or bullet points.""";

    static String topicQuestion(String transcript, @Nullable String previousTitle,
                                @Nullable String previousSummary) {
        String previous = previousTitle == null ? "Previous topic: none (this is the start of the meeting)."
                : "Previous topic:\nTitle: " + previousTitle + "\nSummary: " + previousSummary;
        return previous + "\n\nTranscript:\n<transcript>\n" + transcript + "\n</transcript>";
    }

    static String recapQuestion(List<String> summaries, Map<Integer, String> speakerNames) {
        return participants(speakerNames) + "\n\nThe meeting's topics, in order:\n"
                + summaries.stream().map(summary -> "- " + summary).collect(Collectors.joining("\n"));
    }

    static String participants(Map<Integer, String> speakerNames) {
        if (speakerNames.isEmpty()) {
            return "Participants: not known.";
        }
        return "Participants (number: name):\n" + speakerNames.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    static final Map<String, Object> TOPIC_SCHEMA = object(
            "title", text("A short descriptive title of the subject discussed"),
            "summary", text("One or two sentences on what was said about it"),
            "continues_previous_topic", Map.of("type", "boolean",
                    "description", "Whether this part goes on with the previous topic's subject"));

    static final Map<String, Object> SUMMARY_SCHEMA = object(
            "title", text("The meeting's title, at most 10 words"),
            "short_summary", text("One paragraph"),
            "long_summary", text("A few paragraphs or bullet points, in Markdown"));

    static final Map<String, Object> CONDENSED_SCHEMA = object("summary", text("The condensed summary"));

    static final Map<String, Object> ACTION_ITEMS_SCHEMA = object(
            "decisions", array(object(
                    "decision", text("What was decided"),
                    "rationale", nullableText("Why"),
                    "decided_by", nullableText("Who decided it (a name)"),
                    "decided_by_participant_id", nullableText("The participant's number, when listed"))),
            "next_steps", array(object(
                    "task", text("The task to be done"),
                    "assigned_to", nullableText("Who does it (a name)"),
                    "assigned_to_participant_id", nullableText("The participant's number, when listed"),
                    "deadline", nullableText("When it is due, as said"),
                    "context", nullableText("Anything useful to know about it"))));

    private static Map<String, Object> text(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> nullableText(String description) {
        return Map.of("type", List.of("string", "null"), "description", description);
    }

    private static Map<String, Object> array(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    private static Map<String, Object> object(Object... namesAndSchemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.copyOf(properties.keySet()));
        schema.put("additionalProperties", false);
        return schema;
    }
}
