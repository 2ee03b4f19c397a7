import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GPU and language-model backends faked on loopback for bench/pipeline.sh:
 * {@code POST /v1/audio/transcriptions} reads the upload, waits DELAY_MS (a GPU's time), and answers {@code {text,
 * words}} with a word a second; {@code POST /v1/chat/completions} waits LLM_DELAY_MS (a hosted model's answer time)
 * and answers, as the OpenAI API does, with the simplest JSON the request's {@code response_format} schema admits.
 * Usage: java -cp (the worker's test classpath, for Jackson) bench/FakeTranscriber.java PORT DELAY_MS LLM_DELAY_MS
 */
public class FakeTranscriber {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong TEXTS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        long llmDelay = args.length > 2 ? Long.parseLong(args[2]) : 0;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/audio/transcriptions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            pause(delay);
            StringBuilder words = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                words.append(i == 0 ? "" : ",").append("{\"word\":\" word").append(i).append("\",\"start\":").append(i)
                        .append(".1,\"end\":").append(i).append(".6}");
            }
            reply(exchange, "{\"text\":\"words\",\"words\":[" + words + "]}");
        });
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            pause(llmDelay);
            System.out.println("chat/completions");
            JsonNode schema = request.path("response_format").path("json_schema").path("schema");
            ObjectNode completion = JSON.createObjectNode();
            completion.put("id", "chatcmpl-" + TEXTS.incrementAndGet());
            completion.put("object", "chat.completion");
            completion.put("created", System.currentTimeMillis() / 1000);
            completion.put("model", request.path("model").asString("fake"));
            ObjectNode choice = completion.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant")
                    .put("content", JSON.writeValueAsString(instance(schema, "answer")));
            choice.put("finish_reason", "stop");
            reply(exchange, JSON.writeValueAsString(completion));
        });
        server.start();
        System.out.println("fake transcriber and language model on " + port);
    }

    private static JsonNode instance(JsonNode schema, String name) {
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
                : schema.path("type").asString("string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                for (var property : schema.path("properties").properties()) {
                    object.set(property.getKey(), instance(property.getValue(), property.getKey()));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                array.add(instance(schema.path("items"), name));
                yield array;
            }
            case "boolean" -> JSON.getNodeFactory().booleanNode(false);
            case "integer", "number" -> JSON.getNodeFactory().numberNode(0);
            case "null" -> JSON.getNodeFactory().nullNode();
            default -> JSON.getNodeFactory().stringNode(name.replace('_', ' ') + " " + TEXTS.incrementAndGet());
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
