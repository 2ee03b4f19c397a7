package app.meetingbridge.recordings.recording;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible chat-completions server on loopback, answering as the OpenAI API reference shows
 * ({@code chat.completion} with the answer as the message's content): each answer is built from the JSON schema the
 * request asks for ({@code response_format.json_schema.schema}), every text numbered so each is told apart
 * ("title 3"). When down, it answers 503 as an overloaded server does.
 */
final class FakeLanguageModel implements AutoCloseable {

    private final FakeHttpServer server = new FakeHttpServer();
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger texts = new AtomicInteger();

    FakeLanguageModel() {
        server.on("POST", ".*/chat/completions", this::answer);
    }

    /** The base URL, as LLM_URL takes it. */
    String url() {
        return server.baseUri() + "/v1";
    }

    void down(boolean isDown) {
        down.set(isDown);
    }

    List<Recorded> requests() {
        return server.requests("POST", ".*/chat/completions");
    }

    private Reply answer(Recorded request) {
        if (down.get()) {
            return Reply.json(503, "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}");
        }
        JsonNode schema = request.json().path("response_format").path("json_schema").path("schema");
        ObjectNode completion = json.createObjectNode();
        completion.put("id", "chatcmpl-" + texts.incrementAndGet());
        completion.put("object", "chat.completion");
        completion.put("created", System.currentTimeMillis() / 1000);
        completion.put("model", request.json().path("model").asString("fake"));
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", json.writeValueAsString(instance(schema,
                "answer")));
        choice.put("finish_reason", "stop");
        completion.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return Reply.json(200, json.writeValueAsString(completion));
    }

    /** The simplest answer the schema admits with every property given: texts numbered, flags false, one item. */
    private JsonNode instance(JsonNode schema, String name) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
                : schema.path("type").asString("string");
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = json.createObjectNode();
                for (var property : schema.path("properties").properties()) {
                    object.set(property.getKey(), instance(property.getValue(), property.getKey()));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = json.createArrayNode();
                array.add(instance(schema.path("items"), name));
                yield array;
            }
            case "boolean" -> json.getNodeFactory().booleanNode(false);
            case "integer", "number" -> json.getNodeFactory().numberNode(0);
            case "null" -> json.getNodeFactory().nullNode();
            default -> json.getNodeFactory().stringNode(name.replace('_', ' ') + " " + texts.incrementAndGet());
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
