package app.meetingbridge.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider's HTTP API faked at the HTTP level: scripted answers by method and path, every request recorded
 * with its headers and body, so tests assert exactly what was sent. Later stubs win over earlier ones.
 */
public final class FakeHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Stub> stubs = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    public FakeHttpServer() {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
        // every answer takes 40 ms more than scripted.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code method} on paths matching {@code pathRegex} with what {@code answer} returns. */
    public FakeHttpServer on(String method, String pathRegex, Function<Recorded, Reply> answer) {
        stubs.add(0, new Stub(method, pathRegex, answer));
        return this;
    }

    public FakeHttpServer on(String method, String pathRegex, Reply reply) {
        return on(method, pathRegex, request -> reply);
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    public List<Recorded> requests(String method, String pathRegex) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().matches(pathRegex)).toList();
    }

    public void reset() {
        stubs.clear();
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        Reply reply = stubs.stream()
                .filter(stub -> stub.method().equals(request.method()) && request.path().matches(stub.pathRegex()))
                .findFirst()
                .map(stub -> stub.answer().apply(request))
                .orElse(Reply.json(404, "{\"error\":\"not-found\",\"info\":\"no stub for " + request.path() + "\"}"));
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), reply.status() == 204 || bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0 && reply.status() != 204) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGaveUp) {
            // the client timed out and closed the connection
        } finally {
            exchange.close();
        }
    }

    /** A request as the fake received it. Header names are as the JDK server normalises them ("Authorization"). */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public tools.jackson.databind.JsonNode json() {
            return HttpJson.parse(body);
        }
    }

    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
        }

        public static Reply empty(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            var headers = new java.util.HashMap<>(this.headers);
            headers.put(name, value);
            return new Reply(status, Map.copyOf(headers), body, delay);
        }

        public Reply after(Duration delay) {
            return new Reply(status, headers, body, delay);
        }
    }

    private record Stub(String method, String pathRegex, Function<Recorded, Reply> answer) {
    }
}
