import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fan-out latency of the live sockets (run by bench/live.sh): CLIENTS websockets follow one transcript on one
 * gateway; EVENTS transcript.event messages are published to the transcripts exchange at RATE per second, each
 * carrying the moment it was published (System.nanoTime, same JVM), and every client notes when the frame arrived.
 * Prints one markdown row: clients, events, frames received, p50 / p99 / max in milliseconds.
 * With GATEWAY_PID and METRICS_URL it also prints the gateway's heap after a full GC while the clients are still
 * connected. Usage: java -cp <amqp-client> bench/LiveFanout.java ws://127.0.0.1:PORT TRANSCRIPT_ID CLIENTS EVENTS RATE
 * AMQP_PORT [GATEWAY_PID METRICS_URL]
 */
public class LiveFanout {

    static final Pattern SENT = Pattern.compile("\"duration\":(\\d+)");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String transcriptId = args[1];
        int clients = Integer.parseInt(args[2]);
        int events = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int amqpPort = Integer.parseInt(args[5]);
        long[] latencies = new long[clients * events];
        AtomicInteger received = new AtomicInteger();
        URI uri = URI.create(base + "/v1/transcripts/" + transcriptId + "/events");

        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            https.add(HttpClient.newHttpClient());
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (int batch = 0; batch < clients; batch += 100) {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = batch; i < Math.min(clients, batch + 100); i++) {
                opening.add(https.get(i % https.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
                        .buildAsync(uri, new Recorder(latencies, received)));
            }
            for (CompletableFuture<WebSocket> socket : opening) {
                sockets.add(socket.get(120, TimeUnit.SECONDS));
            }
        }
        System.err.println(sockets.size() + " clients connected");

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(amqpPort);
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .headers(Map.of("__TypeId__", "transcript.event")).build();
            long pause = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 1; i <= events; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += pause;
                long now = System.nanoTime();
                String body = "{\"eventId\":\"bench-" + i + "\",\"occurredAt\":\"" + Instant.now() + "\",\"seq\":" + i
                        + ",\"transcriptId\":\"" + transcriptId + "\",\"ownerId\":null,\"event\":\"DURATION\","
                        + "\"dataJson\":\"{\\\"duration\\\":" + now + "}\"}";
                channel.basicPublish("transcripts", "transcript.event", properties,
                        body.getBytes(StandardCharsets.UTF_8));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int expected = clients * events;
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int count = Math.min(received.get(), expected);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("| %d | %d | %d of %d | %.1f | %.1f | %.1f |%n", clients, events, count, expected,
                millis(sorted, 0.50), millis(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        if (args.length >= 8) {
            System.out.println("gateway heap used after a full GC, " + sockets.size() + " clients connected: "
                    + heapMiB(args[6], args[7]) + " MiB");
        }
        sockets.forEach(WebSocket::abort);
    }

    static long heapMiB(String pid, String metricsUrl) throws Exception {
        new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        String answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(metricsUrl))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("\"value\":([0-9.E]+)").matcher(answer);
        return value.find() ? Math.round(Double.parseDouble(value.group(1)) / 1048576) : -1;
    }

    static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    /** Notes each frame's latency from the publish time it carries. */
    static final class Recorder implements WebSocket.Listener {

        private final long[] latencies;
        private final AtomicInteger received;
        private StringBuilder partial = new StringBuilder();

        Recorder(long[] latencies, AtomicInteger received) {
            this.latencies = latencies;
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                Matcher sent = SENT.matcher(partial);
                if (sent.find()) {
                    int slot = received.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = now - Long.parseLong(sent.group(1));
                    }
                }
                partial = new StringBuilder();
            }
            socket.request(1);
            return null;
        }
    }
}
