package app.meetingbridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document we serve at {@code /openapi.json}, compared with Reflector's API as its frontend is compiled
 * against ({@code src/test/resources/reflector-api-contract.json}, a copy of
 * {@code shared/reference/reflector-api-contract.json}). For every operation we document: path, method, operation
 * id, path and query parameters (name, required, type), the request body's schema (name, property names and types,
 * and no field required that the contract leaves optional), and the 200 answer's schema (name, property names and
 * types, recursively through the schemas it names). Types are compared as JSON kinds: string (string literal unions
 * included), number, boolean, object, array of a kind, or a named schema; nullability and enumerated values are not
 * compared.
 *
 * <p>The three lists below are the only places where what we serve may differ from the contract; each must equal
 * what the comparison finds, so implementing an operation or fixing a difference fails this test until the list is
 * updated.
 */
class OpenApiContractIT extends GatewayTestSupport {

    /** Reflector's operations we do not serve yet, as {@code "METHOD path"}. */
    static final List<String> NOT_IMPLEMENTED = List.of(
            "GET /metrics",
            "POST /v1/transcripts/{transcript_id}/record/webrtc");

    /** Operations we document that Reflector's API does not have. */
    static final List<String> NOT_IN_CONTRACT = List.of();

    /** What we serve differently from the contract in the operations we implement, as the comparison words it. */
    static final List<String> KNOWN_DIFFERENCES = List.of(
            // the room's owner gets the webhook URL and secret back on creation too
            "POST /v1/rooms: 200 answer #RoomDetails, contract #Room",
            // the listing also filters by meeting
            "GET /v1/transcripts: query parameter meeting_id not in the contract",
            "schema GetTranscriptMinimal: property dag_status not in the contract",
            // a participant stored without an id is answered with a null one; user_id is sent as well
            "schema Participant: property id optional, contract always has it",
            "schema Participant: property user_id not in the contract",
            // the chunk is a multipart body (as in the contract), which this comparison reads only as JSON
            "POST /v1/transcripts/{transcript_id}/record/upload: request body (none), contract "
                    + "#Body_transcript_record_upload_v1_transcripts__transcript_id__record_upload_post",
            // why a transcript is in error (a file that is not audio, one without an audio stream), for its owner
            "schema GetTranscriptMinimal: property error_reason not in the contract",
            "schema GetTranscriptWithParticipants: property error_reason not in the contract");

    @LocalServerPort
    int port;

    HttpJson http;
    JsonNode contract;
    JsonNode document;

    @BeforeEach
    void load() throws IOException {
        http = new HttpJson("http://127.0.0.1:" + port);
        try (InputStream in = getClass().getResourceAsStream("/reflector-api-contract.json")) {
            contract = JsonMapper.builder().build().readTree(in);
        }
        Response response = http.get("/openapi.json");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        document = response.json();
    }

    @Test
    void listsTheContractOperationsNotImplementedYet() {
        Set<String> ours = documentedOperations().keySet();
        List<String> missing = new ArrayList<>();
        for (JsonNode operation : contract.get("operations")) {
            String key = key(operation);
            if (!ours.contains(key)) {
                missing.add(key);
            }
        }
        System.out.println("Reflector operations not implemented yet (" + missing.size() + "):\n  "
                + String.join("\n  ", missing));
        assertThat(missing).containsExactlyInAnyOrderElementsOf(NOT_IMPLEMENTED);
    }

    @Test
    void documentsNoOperationOutsideTheContract() {
        Set<String> theirs = new HashSet<>();
        contract.get("operations").forEach(operation -> theirs.add(key(operation)));
        List<String> extra = documentedOperations().keySet().stream().filter(key -> !theirs.contains(key)).toList();
        assertThat(extra).containsExactlyInAnyOrderElementsOf(NOT_IN_CONTRACT);
    }

    @Test
    void documentsImplementedOperationsAsTheContractDoes() {
        Map<String, JsonNode> ours = documentedOperations();
        List<String> differences = new ArrayList<>();
        Deque<String[]> schemas = new ArrayDeque<>();
        for (JsonNode theirs : contract.get("operations")) {
            JsonNode operation = ours.get(key(theirs));
            if (operation != null) {
                compareOperation(key(theirs), theirs, operation, differences, schemas);
            }
        }
        Set<String> compared = new HashSet<>();
        while (!schemas.isEmpty()) {
            String[] pair = schemas.pop();
            if (compared.add(pair[0] + " " + pair[1])) {
                compareSchema(pair[0], pair[1].equals("request"), differences, schemas);
            }
        }
        differences.forEach(difference -> System.out.println("Difference from the contract: " + difference));
        assertThat(differences).containsExactlyInAnyOrderElementsOf(KNOWN_DIFFERENCES);
    }

    @Test
    void servesTheInteractivePage() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("swagger-ui");
    }

    private void compareOperation(String key, JsonNode theirs, JsonNode operation, List<String> differences,
                                  Deque<String[]> schemas) {
        if (!theirs.get("operationId").stringValue().equals(operation.path("operationId").asString(""))) {
            differences.add(key + ": operationId " + operation.path("operationId").asString("(none)")
                    + ", contract " + theirs.get("operationId").stringValue());
        }
        for (String in : List.of("path", "query")) {
            Map<String, JsonNode> ourParameters = new LinkedHashMap<>();
            for (JsonNode parameter : operation.path("parameters")) {
                if (parameter.path("in").asString("").equals(in)) {
                    ourParameters.put(parameter.get("name").stringValue(), parameter);
                }
            }
            JsonNode theirParameters = theirs.path(in + "_params");
            for (String name : theirParameters.propertyNames()) {
                JsonNode their = theirParameters.get(name);
                JsonNode our = ourParameters.remove(name);
                if (our == null) {
                    differences.add(key + ": " + in + " parameter " + name + " missing");
                    continue;
                }
                if (our.path("required").asBoolean(false) != their.get("required").booleanValue()) {
                    differences.add(key + ": " + in + " parameter " + name + " required "
                            + our.path("required").asBoolean(false) + ", contract " + their.get("required"));
                }
                String ourKind = kind(our.path("schema"));
                String theirKind = kindOf(their.get("type").stringValue());
                if (!ourKind.equals(theirKind)) {
                    differences.add(key + ": " + in + " parameter " + name + " is " + ourKind + ", contract "
                            + theirKind);
                }
            }
            ourParameters.keySet().forEach(name -> differences.add(key + ": " + in + " parameter " + name
                    + " not in the contract"));
        }
        JsonNode request = theirs.path("request");
        JsonNode ourBody = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (request.isMissingNode()) {
            if (!ourBody.isMissingNode()) {
                differences.add(key + ": request body " + kind(ourBody) + " not in the contract");
            }
        } else {
            String theirKind = kindOf(request.get("schemas").get(0).stringValue());
            String ourKind = ourBody.isMissingNode() ? "(none)" : kind(ourBody);
            if (!ourKind.equals(theirKind)) {
                differences.add(key + ": request body " + ourKind + ", contract " + theirKind);
            } else {
                queueSchemas(ourKind, "request", schemas);
            }
        }
        JsonNode theirAnswer = theirs.path("responses").path("200");
        String theirBody = theirAnswer.path("body").isString() ? theirAnswer.get("body").stringValue() : null;
        if (theirBody != null && !theirBody.equals("unknown")) {
            JsonNode ourAnswer = operation.path("responses").path("200").path("content").path("application/json")
                    .path("schema");
            String ourKind = ourAnswer.isMissingNode() ? "(none)" : kind(ourAnswer);
            String theirKind = kindOf(theirBody);
            if (!ourKind.equals(theirKind)) {
                differences.add(key + ": 200 answer " + ourKind + ", contract " + theirKind);
            } else {
                queueSchemas(ourKind, "response", schemas);
            }
        }
    }

    /**
     * Properties of a named schema: the same names with the same kinds; in a request, a property we require is
     * required by the contract (which also marks as required what has a default, so the converse is not checked);
     * in an answer, one the contract promises a value for (required, not nullable) is one we document as required.
     */
    private void compareSchema(String name, boolean request, List<String> differences, Deque<String[]> schemas) {
        JsonNode ours = document.path("components").path("schemas").path(name);
        JsonNode theirs = contract.get("schemas").path(name);
        if (ours.isMissingNode() || theirs.isMissingNode()) {
            differences.add("schema " + name + (ours.isMissingNode() ? " not in our document" : " not in the contract"));
            return;
        }
        Set<String> ourRequired = new HashSet<>();
        ours.path("required").forEach(property -> ourRequired.add(property.stringValue()));
        Set<String> ourNames = new TreeSet<>(ours.path("properties").propertyNames());
        for (String property : theirs.propertyNames()) {
            JsonNode their = theirs.get(property);
            if (!ourNames.remove(property)) {
                differences.add("schema " + name + ": property " + property + " missing");
                continue;
            }
            String ourKind = kind(ours.get("properties").get(property));
            String theirKind = kindOf(their.get("type").stringValue());
            if (!ourKind.equals(theirKind)) {
                differences.add("schema " + name + ": property " + property + " is " + ourKind + ", contract "
                        + theirKind);
            } else {
                queueSchemas(ourKind, request ? "request" : "response", schemas);
            }
            boolean theirRequired = their.get("required").booleanValue();
            if (request && ourRequired.contains(property) && !theirRequired) {
                differences.add("schema " + name + ": property " + property + " required, contract optional");
            }
            boolean theirNullable = topLevel(their.get("type").stringValue()).contains("null");
            if (!request && theirRequired && !theirNullable && !ourRequired.contains(property)) {
                differences.add("schema " + name + ": property " + property + " optional, contract always has it");
            }
        }
        ourNames.forEach(property -> differences.add("schema " + name + ": property " + property
                + " not in the contract"));
    }

    private static void queueSchemas(String kind, String direction, Deque<String[]> schemas) {
        int at = kind.indexOf('#');
        if (at >= 0) {
            schemas.push(new String[] {kind.substring(at + 1).replace(">", ""), direction});
        }
    }

    /** Documented operations by {@code "METHOD path"}. */
    private Map<String, JsonNode> documentedOperations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        for (String path : document.path("paths").propertyNames()) {
            JsonNode item = document.get("paths").get(path);
            for (String method : item.propertyNames()) {
                if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                    operations.put(method.toUpperCase() + " " + path, item.get(method));
                }
            }
        }
        return operations;
    }

    private static String key(JsonNode contractOperation) {
        return contractOperation.get("method").stringValue() + " " + contractOperation.get("path").stringValue();
    }

    /** The kind of one of our schemas: a named schema is {@code #Name}, unless it is only a type alias. */
    private String kind(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").stringValue().replace("#/components/schemas/", "");
            JsonNode named = document.path("components").path("schemas").path(name);
            return named.has("properties") || named.isMissingNode() ? "#" + name : kind(named);
        }
        for (String union : List.of("oneOf", "anyOf")) {
            if (schema.has(union)) {
                Set<String> kinds = new TreeSet<>();
                schema.get(union).forEach(alternative -> kinds.add(kind(alternative)));
                kinds.remove("null");
                return kinds.size() == 1 ? kinds.iterator().next() : String.join("|", kinds);
            }
        }
        Set<String> types = new TreeSet<>();
        if (schema.path("type").isArray()) {
            schema.get("type").forEach(type -> types.add(type.stringValue()));
        } else if (schema.path("type").isString()) {
            types.add(schema.get("type").stringValue());
        }
        types.remove("null");
        if (types.isEmpty()) {
            return "any";
        }
        String type = types.iterator().next();
        return switch (type) {
            case "integer", "number" -> "number";
            case "array" -> "array<" + kind(schema.path("items")) + ">";
            default -> type;
        };
    }

    /**
     * The kind of one of the contract's TypeScript types: {@code "number | null"} is number, {@code "\"a\" | \"b\""}
     * string, {@code "Meeting[]"} array of {@code #Meeting}, an alias such as {@code SourceKind} the kind it names.
     */
    private String kindOf(String type) {
        String t = type.strip();
        if (t.startsWith("|")) {
            t = t.substring(1).strip();
        }
        List<String> alternatives = topLevel(t).stream().filter(alternative -> !alternative.equals("null")).toList();
        if (alternatives.size() > 1) {
            if (alternatives.stream().allMatch(alternative -> alternative.startsWith("\""))) {
                return "string";
            }
            return alternatives.stream().map(this::kindOf).collect(Collectors.toCollection(TreeSet::new)).stream()
                    .collect(Collectors.joining("|"));
        }
        t = alternatives.get(0);
        if (t.startsWith("(") && t.endsWith(")")) {
            return kindOf(t.substring(1, t.length() - 1));
        }
        if (t.endsWith("[]")) {
            return "array<" + kindOf(t.substring(0, t.length() - 2)) + ">";
        }
        if (t.startsWith("{")) {
            return "object";
        }
        if (t.startsWith("\"")) {
            return "string";
        }
        return switch (t) {
            case "string", "number", "boolean" -> t;
            case "unknown" -> "any";
            default -> contract.get("schemas").path(t).has("_type")
                    ? kindOf(contract.get("schemas").get(t).get("_type").stringValue()) : "#" + t;
        };
    }

    /** Splits on {@code |} outside parentheses and braces. */
    private static List<String> topLevel(String type) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : type.toCharArray()) {
            if (c == '(' || c == '{') {
                depth++;
            } else if (c == ')' || c == '}') {
                depth--;
            }
            if (c == '|' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().strip());
        return parts;
    }
}
