package app.meetingbridge.llm;

import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Chat-completions answers as the OpenAI API reference gives them, and the messages of a recorded request. */
final class ChatCompletions {

    static final String PATH = "/v1/chat/completions";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChatCompletions() {
    }

    /** A 200 chat completion whose assistant message is {@code content}. */
    static Reply answer(String content) {
        return answer(content, "stop");
    }

    static Reply answer(String content, String finishReason) {
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
        completion.put("object", "chat.completion");
        completion.put("created", 1741570283);
        completion.put("model", "test-model");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = completion.putObject("usage");
        usage.put("prompt_tokens", 1117);
        usage.put("completion_tokens", 46);
        usage.put("total_tokens", 1163);
        return Reply.json(200, JSON.writeValueAsString(completion));
    }

    static Reply answer(Map<String, ?> content) {
        return answer(JSON.writeValueAsString(content));
    }

    /** An error as OpenAI sends it. */
    static Reply error(int status, String type, String message) {
        return Reply.json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                + "\",\"param\":null,\"code\":null}}");
    }

    static List<JsonNode> messages(Recorded request) {
        List<JsonNode> messages = new ArrayList<>();
        request.json().get("messages").forEach(messages::add);
        return messages;
    }

    /** The text of the request's first user message. */
    static String question(Recorded request) {
        return messages(request).stream().filter(m -> m.get("role").asString().equals("user")).findFirst()
                .orElseThrow().get("content").asString();
    }

    static String schemaName(Recorded request) {
        return request.json().at("/response_format/json_schema/name").asString();
    }
}
