package app.meetingbridge.gateway.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A browser's live socket, with Java's own websocket client: it offers the subprotocols {@code bearer, <token>} as
 * Reflector's frontend does, and keeps every text message it receives, whole. One that does not read asks for no
 * message at all, so the server's writes back up as behind a stalled browser.
 */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {

    private final boolean reads;
    private final Consumer<String> onMessage;
    private final List<String> received = new ArrayList<>();
    private StringBuilder partial = new StringBuilder();
    private volatile int closeCode = -1;
    private WebSocket socket;

    private LiveClient(boolean reads, Consumer<String> onMessage) {
        this.reads = reads;
        this.onMessage = onMessage;
    }

    public static LiveClient connect(HttpClient http, URI uri, String token) throws Exception {
        return connect(http, uri, token, null, true, message -> { });
    }

    public static LiveClient connect(HttpClient http, URI uri, String token, String origin, boolean reads,
                                     Consumer<String> onMessage) throws Exception {
        LiveClient client = new LiveClient(reads, onMessage);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.subprotocols("bearer", token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(uri, client).get(60, TimeUnit.SECONDS);
        return client;
    }

    /** The HTTP status the server refused the upgrade with, or 101 if it accepted. */
    public static int refusal(HttpClient http, URI uri, String token, String origin) throws Exception {
        try (LiveClient accepted = connect(http, uri, token, origin, true, message -> { })) {
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    public int closeCode() {
        return closeCode;
    }

    /** Waits until the condition holds (60 s at most). */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    public List<String> awaitMessages(int count) throws InterruptedException {
        await(() -> received().size() >= count, count + " messages (have " + received().size() + ")");
        return received();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reads) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial = new StringBuilder();
            synchronized (this) {
                received.add(message);
            }
            onMessage.accept(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode = 1006;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
