import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The transcription backend faked on loopback for bench/pipeline.sh: {@code POST /v1/audio/transcriptions}
 * reads the upload, waits DELAY_MS (a GPU's time), and answers {@code {text, words}} with a word a second.
 * Usage: java bench/FakeTranscriber.java PORT DELAY_MS
 */
public class FakeTranscriber {

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/audio/transcriptions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StringBuilder words = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                words.append(i == 0 ? "" : ",").append("{\"word\":\" word").append(i).append("\",\"start\":").append(i)
                        .append(".1,\"end\":").append(i).append(".6}");
            }
            byte[] body = ("{\"text\":\"words\",\"words\":[" + words + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake transcriber on " + port);
    }
}
