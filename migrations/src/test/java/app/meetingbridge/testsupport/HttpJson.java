package app.meetingbridge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that talk JSON to a running service. */
public final class HttpJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String bearerToken;

    public HttpJson(String baseUrl) {
        this(baseUrl, null);
    }

    private HttpJson(String baseUrl, String bearerToken) {
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
    }

    /** The same client, sending {@code Authorization: Bearer <token>} with every request. */
    public HttpJson as(String token) {
        return new HttpJson(baseUrl, token);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String body) {
        return send("POST", path, body);
    }

    public Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, String body) {
        return send(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Map.of());
    }

    /** POSTs these exact bytes with these headers (for signed webhooks). */
    public Response post(String path, byte[] body, java.util.Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response send(String method, String path, byte[] body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return parse(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
