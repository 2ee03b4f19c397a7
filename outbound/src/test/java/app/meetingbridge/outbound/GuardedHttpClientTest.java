package app.meetingbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuardedHttpClientTest {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final AllowList LOOPBACK_ONLY = AllowList.parse("127.0.0.1");

    HttpServer server;
    String base;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Webhook-Event") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 200, "{\"ok\":true}");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static GuardedHttpClient client(AllowList allowList, HostResolver resolver) {
        return new GuardedHttpClient(new OutboundGuard(allowList, resolver), TIMEOUT);
    }

    static GuardedHttpClient.Answer post(GuardedHttpClient client, String url) throws IOException {
        return client.post(url, Map.of("Content-Type", "application/json", "X-Webhook-Event", "test"),
                "{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8), 100);
    }

    @Test
    void postsToAnAllowListedAddressAndReturnsTheAnswer() throws Exception {
        try (GuardedHttpClient client = client(LOOPBACK_ONLY, HostResolver.SYSTEM)) {
            GuardedHttpClient.Answer answer = post(client, base + "/hook");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.head(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
            assertThat(received).containsExactly("POST /hook test {\"event\":\"test\"}");
        }
    }

    @Test
    void refusesLoopbackThatIsNotAllowListedAndSendsNothing() {
        try (GuardedHttpClient client = client(AllowList.none(), HostResolver.SYSTEM)) {
            String port = ":" + server.getAddress().getPort();
            for (String url : List.of(base + "/hook", "http://localhost" + port + "/hook",
                    "http://[::ffff:127.0.0.1]" + port + "/hook", "http://2130706433" + port + "/hook",
                    "http://0177.0.0.1" + port + "/hook", "http://127.1" + port + "/hook")) {
                assertThatThrownBy(() -> post(client, url)).as(url).isInstanceOf(RefusedDestinationException.class);
            }
        }
        assertThat(received).isEmpty();
    }

    @Test
    void refusesAHostNameThatResolvesToLoopbackAtConnectTime() {
        try (GuardedHttpClient client = client(AllowList.none(),
                host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})})) {
            assertThatThrownBy(() -> post(client, "http://innocent.example:" + server.getAddress().getPort() + "/hook"))
                    .isInstanceOf(RefusedDestinationException.class).hasMessage("loopback address");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aNameThatRebindsToLoopbackAfterItsCheckIsRefusedWhenTheConnectionIsMade() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        byte[] publicAddress = {93, (byte) 184, (byte) 216, 34};
        HostResolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? publicAddress : new byte[] {127, 0, 0, 1})};
        OutboundGuard guard = new OutboundGuard(AllowList.none(), rebinding);
        String url = "http://rebind.example:" + server.getAddress().getPort() + "/hook";

        guard.check(url); // public when checked, as when the room was saved

        try (GuardedHttpClient client = new GuardedHttpClient(guard, TIMEOUT)) {
            assertThatThrownBy(() -> post(client, url)).isInstanceOf(RefusedDestinationException.class);
        }
        assertThat(lookups).hasValue(2);
        assertThat(received).isEmpty();
    }

    @Test
    void connectsToTheAddressItCheckedNotToWhatALaterLookupWouldSay() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        // the first answer is the allow-listed receiver; any later lookup would say 10.0.0.1
        HostResolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {127, 0, 0, 1} : new byte[] {10, 0, 0, 1})};

        try (GuardedHttpClient client = client(LOOPBACK_ONLY, rebinding)) {
            GuardedHttpClient.Answer answer = post(client, "http://receiver.example:" + server.getAddress().getPort()
                    + "/hook");

            assertThat(answer.status()).isEqualTo(200);
        }
        assertThat(lookups).hasValue(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void answersARedirectWithoutFollowingIt() throws Exception {
        server.createContext("/moved", exchange -> {
            received.add("moved");
            exchange.getResponseHeaders().add("Location", base + "/secret");
            answer(exchange, 307, "");
        });
        server.createContext("/secret", exchange -> {
            received.add("secret");
            answer(exchange, 200, "secret");
        });
        try (GuardedHttpClient client = client(LOOPBACK_ONLY, HostResolver.SYSTEM)) {
            assertThat(post(client, base + "/moved").status()).isEqualTo(307);
        }
        assertThat(received).containsExactly("moved");
    }

    @Test
    void getRefusesADocumentLargerThanTheLimitWithoutReadingItAll() throws Exception {
        AtomicLong sent = new AtomicLong();
        long fiftyMebibytes = 50L * 1024 * 1024;
        server.createContext("/feed.ics", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to go by
            byte[] chunk = "0123456789".repeat(6554).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < fiftyMebibytes) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientLetGo) {
                // expected
            }
        });
        try (GuardedHttpClient client = client(LOOPBACK_ONLY, HostResolver.SYSTEM)) {
            GuardedHttpClient.Fetched fetched = client.get(base + "/feed.ics", Map.of(), 5 * 1024 * 1024);

            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.tooLarge()).isTrue();
            assertThat(fetched.body()).isEmpty();
        }
        assertThat(sent.get()).isLessThan(fiftyMebibytes);
    }

    @Test
    void getSendsItsHeadersAndReturnsTheAnswersHeadersAndBody() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        server.createContext("/cal.ics", exchange -> {
            asked.add(exchange.getRequestHeaders().getFirst("If-None-Match"));
            exchange.getResponseHeaders().add("ETag", "\"v7\"");
            answer(exchange, 200, "BEGIN:VCALENDAR");
        });
        try (GuardedHttpClient client = client(LOOPBACK_ONLY, HostResolver.SYSTEM)) {
            GuardedHttpClient.Fetched fetched = client.get(base + "/cal.ics", Map.of("If-None-Match", "\"v6\""), 100);

            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.tooLarge()).isFalse();
            assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("BEGIN:VCALENDAR");
            assertThat(fetched.header("etag")).isEqualTo("\"v7\"");
            assertThat(asked).containsExactly("\"v6\"");
        }
    }

    @Test
    void readsNoMoreThanItWasAskedOfAHugeAnswer() throws Exception {
        AtomicLong sent = new AtomicLong();
        long fiftyMegabytes = 50L * 1024 * 1024;
        server.createContext("/huge", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "0123456789".repeat(6554).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent.get() < fiftyMegabytes) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException clientLetGo) {
                // expected
            }
        });
        try (GuardedHttpClient client = client(LOOPBACK_ONLY, HostResolver.SYSTEM)) {
            GuardedHttpClient.Answer answer = post(client, base + "/huge");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.head(), StandardCharsets.US_ASCII)).isEqualTo("0123456789".repeat(10));
        }
        assertThat(sent.get()).isLessThan(fiftyMegabytes);
    }

    @Test
    void cutsOffAnAnswerThatTricklesAtTheTimeoutAndKeepsItsStatus() throws Exception {
        server.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) { // a byte every 100 ms: a minute for the whole answer
                    out.write('t');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientLetGo) {
                // expected
            }
        });
        try (GuardedHttpClient client = client(LOOPBACK_ONLY, HostResolver.SYSTEM)) {
            long started = System.nanoTime();
            GuardedHttpClient.Answer answer = post(client, base + "/slow");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.status()).isEqualTo(202);
            assertThat(new String(answer.head(), StandardCharsets.US_ASCII)).matches("t+");
            assertThat(took).isLessThan(TIMEOUT.plusSeconds(3));
        }
    }

    @Test
    void timesOutWhenNoAnswerComes() {
        server.createContext("/silent", exchange -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        try (GuardedHttpClient client = client(LOOPBACK_ONLY, HostResolver.SYSTEM)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> post(client, base + "/silent")).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageNotContaining("127.0.0.1");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(3));
        }
    }

    @Test
    void describesFailuresWithoutNamingAnAddress() {
        HostResolver literalsOnly = host -> {
            InetAddress literal = Cidr.literal(host);
            if (literal == null) {
                throw new java.net.UnknownHostException(host);
            }
            return new InetAddress[] {literal};
        };
        try (GuardedHttpClient client = client(AllowList.parse("127.0.0.0/8"), literalsOnly)) {
            IOException refused = catchIo(() -> post(client, "http://127.0.0.1:1/hook"));
            IOException unresolved = catchIo(() -> post(client, "http://nowhere.example/hook"));
            IOException notAllowed = catchIo(() -> post(client, "http://169.254.169.254/latest/meta-data/"));

            assertThat(GuardedHttpClient.describe(refused)).isEqualTo("could not connect");
            assertThat(GuardedHttpClient.describe(unresolved)).isEqualTo("host does not resolve");
            assertThat(GuardedHttpClient.describe(notAllowed)).isEqualTo("not allowed (link-local address)");
            assertThat(GuardedHttpClient.describe(new SocketTimeoutException("no answer"))).isEqualTo("timed out");
        }
    }

    interface Call {
        void run() throws IOException;
    }

    static IOException catchIo(Call call) {
        try {
            call.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
