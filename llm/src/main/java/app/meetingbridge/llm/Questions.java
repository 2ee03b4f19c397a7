package app.meetingbridge.llm;

import app.meetingbridge.llm.ChatModel.Message;
import app.meetingbridge.llm.ChatModel.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the model one question whose answer must be JSON of a schema, and reads it. An answer that cannot be used
 * (not JSON, the wrong shape, required text empty, cut short) is shown back to the model with what was wrong, and
 * the question asked again, up to the allowed number of times; then {@link MalformedAnswer}.
 */
final class Questions {

    private static final Logger log = LoggerFactory.getLogger(Questions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LONGEST_ECHO = 2000;

    /** A question: the schema's name and the schema, what the model is, what it is given, how to read its answer. */
    record Question<T>(String name, Map<String, Object> schema, String instructions, String content,
                       Function<JsonNode, T> reader) {
    }

    private final ChatModel model;
    private final int malformedRetries;

    Questions(ChatModel model, int malformedRetries) {
        this.model = model;
        this.malformedRetries = malformedRetries;
    }

    <T> T ask(Question<T> question) {
        List<Message> messages = new ArrayList<>(List.of(new Message(Role.SYSTEM, question.instructions()),
                new Message(Role.USER, question.content())));
        String wrong = "";
        for (int attempt = 0; attempt <= malformedRetries; attempt++) {
            String content = "";
            try {
                ChatModel.Answer answer = model.ask(question.name(), question.schema(), messages);
                content = answer.content();
                if (!answer.complete()) {
                    throw new InvalidAnswer("the answer was cut off before it ended (the length limit was reached); "
                            + "answer more briefly");
                }
                return question.reader().apply(json(content));
            } catch (InvalidAnswer e) {
                wrong = e.getMessage();
                log.warn("language model answer to {} unusable (attempt {} of {}): {}", question.name(), attempt + 1,
                        malformedRetries + 1, wrong);
                if (!content.isBlank()) {
                    messages.add(new Message(Role.ASSISTANT, content.length() > LONGEST_ECHO
                            ? content.substring(0, LONGEST_ECHO) + "… [cut]" : content));
                }
                messages.add(new Message(Role.USER, "Your previous answer could not be used: " + wrong
                        + ". Answer again with only a JSON object that matches the schema, no other text."));
            }
        }
        throw new MalformedAnswer(question.name() + ": no usable answer in " + (malformedRetries + 1)
                + " attempts; the last one: " + wrong);
    }

    static JsonNode json(String content) {
        String text = content.strip();
        if (text.isEmpty()) {
            throw new InvalidAnswer("the answer was empty");
        }
        if (text.startsWith("```")) {
            text = text.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidAnswer("the answer is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidAnswer("the answer is not a JSON object");
        }
        return node;
    }

    /** The text of {@code field}, stripped; the answer is unusable without it. */
    static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new InvalidAnswer("the field \"" + field + "\" is missing, not a string, or empty");
        }
        return value.asString().strip();
    }

    static boolean requiredBoolean(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new InvalidAnswer("the field \"" + field + "\" is missing or not true/false");
        }
        return value.asBoolean();
    }

    /** The text of {@code field}, or null when it is absent, null or blank. */
    static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidAnswer("the field \"" + field + "\" is not a string or null");
        }
        return value.asString().isBlank() ? null : value.asString().strip();
    }

    static List<JsonNode> requiredArray(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new InvalidAnswer("the field \"" + field + "\" is missing or not an array");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }
}
