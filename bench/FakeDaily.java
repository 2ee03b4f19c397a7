import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Daily's REST API for benchmarks (run with `java bench/FakeDaily.java PORT DELAY_MS`): answers
 * POST /rooms after DELAY_MS with a room as Daily returns it, counts the rooms it made (GET /_stats), and fails
 * everything with 500 after POST /_fail. Loopback only.
 */
public class FakeDaily {

    static final AtomicInteger roomsCreated = new AtomicInteger();
    static final AtomicInteger requests = new AtomicInteger();
    static volatile boolean failing;
    static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> handle(exchange, delay));
        server.start();
        System.out.println("fake Daily on 127.0.0.1:" + port + ", " + delay + " ms per call");
    }

    static void handle(HttpExchange exchange, long delay) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/_stats")) {
            reply(exchange, 200, "{\"rooms_created\":" + roomsCreated.get() + ",\"requests\":" + requests.get() + "}");
            return;
        }
        if (path.equals("/_fail")) {
            failing = true;
            reply(exchange, 200, "{}");
            return;
        }
        requests.incrementAndGet();
        sleep(delay);
        if (failing) {
            reply(exchange, 500, "{\"error\":\"server-error\",\"info\":\"benchmark failure mode\"}");
            return;
        }
        if (method.equals("POST") && path.equals("/rooms")) {
            Matcher name = NAME.matcher(body);
            String room = name.find() ? name.group(1) : UUID.randomUUID().toString();
            roomsCreated.incrementAndGet();
            reply(exchange, 200, "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + room + "\",\"api_created\":true,"
                    + "\"privacy\":\"public\",\"url\":\"https://bench.daily.co/" + room + "\",\"config\":{}}");
        } else if (method.equals("GET") && path.endsWith("/presence")) {
            reply(exchange, 200, "{\"total_count\":0,\"data\":[]}");
        } else if (method.equals("GET") && path.startsWith("/rooms/")) {
            reply(exchange, 404, "{\"error\":\"not-found\"}");
        } else {
            reply(exchange, 200, "{}");
        }
    }

    static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
