package app.meetingbridge.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests to addresses users chose (Apache HttpClient 5), every connection through the {@link OutboundGuard}:
 * the client's DNS is the guard, which resolves, checks and returns only the addresses it checked, and the
 * connection goes to one of those. TLS still speaks to the URL's host name (SNI, certificate check). Redirects are
 * answers, never followed (a receiver cannot send us on to an internal address); no proxy, no retries, no cookies,
 * no decompression.
 * <p>
 * The timeout bounds the whole exchange, the answer included: when it runs out the connection is dropped. An
 * answer whose status came in time counts, with what came of its body by then; a receiver that trickles or never
 * ends its answer holds the caller no longer. At most the asked number of bytes of an answer are read.
 */
public final class GuardedHttpClient implements AutoCloseable {

    /** A receiver's answer: its status and the first bytes of its body. */
    public record Answer(int status, byte[] head) {
    }

    /**
     * A fetched document: its status, its response headers (names in lower case, the first value of each), and its
     * body up to the limit asked for; {@code tooLarge} when it is longer (announced or read), and then no body.
     */
    public record Fetched(int status, Map<String, String> headers, byte[] body, boolean tooLarge) {

        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final OutboundGuard guard;
    private final Duration timeout;
    private final CloseableHttpClient http;
    /** Drops exchanges that outlast the timeout (one daemon thread; its tasks only cancel requests). */
    private final ScheduledExecutorService cutoff = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "outbound-cutoff");
        thread.setDaemon(true);
        return thread;
    });

    public GuardedHttpClient(OutboundGuard guard, Duration timeout) {
        this(guard, timeout, SSLContexts.createSystemDefault());
    }

    /** With the TLS trust of {@code tls} (tests trust their own certificate). */
    GuardedHttpClient(OutboundGuard guard, Duration timeout, SSLContext tls) {
        this.guard = guard;
        this.timeout = timeout;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(limit).build())
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(20)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * POSTs {@code body} with {@code headers} to {@code url} and returns the answer, reading at most
     * {@code answerBytes} of it.
     *
     * @throws RefusedDestinationException when the guard refuses the URL or an address of its host
     * @throws UnknownHostException        when the host does not resolve
     * @throws SocketTimeoutException      when no answer came within the timeout
     * @throws IOException                 when the connection failed otherwise (refused, reset, TLS)
     */
    public Answer post(String url, Map<String, String> headers, byte[] body, int answerBytes) throws IOException {
        HttpPost post = new HttpPost(guard.checkForm(url));
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, null));
        return exchange(post, response -> {
            HttpEntity entity = response.getEntity();
            byte[] head = entity == null ? new byte[0] : head(entity.getContent(), answerBytes);
            return new Answer(response.getCode(), head);
        });
    }

    /**
     * GETs {@code url} with {@code headers} and returns the answer with its whole body, unless that is longer than
     * {@code maxBytes}: then the answer is {@link Fetched#tooLarge()} and no more than {@code maxBytes + 1} bytes of
     * it were read (none when its {@code Content-Length} says so). Unlike {@link #post}, a body cut off at the
     * timeout is a failure, not a shorter body.
     *
     * @throws RefusedDestinationException when the guard refuses the URL or an address of its host
     * @throws UnknownHostException        when the host does not resolve
     * @throws SocketTimeoutException      when the answer did not come whole within the timeout
     * @throws IOException                 when the connection failed otherwise (refused, reset, TLS)
     */
    public Fetched get(String url, Map<String, String> headers, int maxBytes) throws IOException {
        HttpGet get = new HttpGet(guard.checkForm(url));
        headers.forEach(get::setHeader);
        return exchange(get, response -> {
            Map<String, String> answerHeaders = new HashMap<>();
            for (Header header : response.getHeaders()) {
                answerHeaders.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return new Fetched(response.getCode(), Map.copyOf(answerHeaders), new byte[0], false);
            }
            if (entity.getContentLength() > maxBytes) {
                return new Fetched(response.getCode(), Map.copyOf(answerHeaders), new byte[0], true);
            }
            byte[] body = entity.getContent().readNBytes(maxBytes + 1);
            boolean tooLarge = body.length > maxBytes;
            return new Fetched(response.getCode(), Map.copyOf(answerHeaders), tooLarge ? new byte[0] : body, tooLarge);
        });
    }

    /** What is read of an answer, within the exchange's timeout. */
    private interface Reading<T> {
        T read(ClassicHttpResponse response) throws IOException;
    }

    private <T> T exchange(HttpUriRequestBase request, Reading<T> reading) throws IOException {
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> deadline = cutoff.schedule(() -> {
            cutOff.set(true);
            request.cancel(); // closes the connection: a read or connect under way fails at once
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, request, null);
            return reading.read(response);
        } catch (RefusedDestinationException e) {
            throw e;
        } catch (InterruptedIOException e) { // connect and read timeouts, and our cut-off
            if (Thread.currentThread().isInterrupted() && !cutOff.get()) {
                throw e;
            }
            throw new SocketTimeoutException("no answer within " + timeout);
        } catch (IOException e) {
            if (cutOff.get()) {
                throw new SocketTimeoutException("no answer within " + timeout);
            }
            throw e;
        } finally {
            deadline.cancel(false);
            request.cancel(); // drops the connection instead of reading the rest of an answer nobody wants
            if (response != null) {
                closeQuietly(response);
            }
        }
    }

    /**
     * What went wrong with an exchange, in a few words that name no address (fit to store or show): the guard's
     * reason, "host does not resolve", "timed out", "could not connect", "TLS failed" or "connection failed".
     */
    public static String describe(IOException failure) {
        if (failure instanceof RefusedDestinationException refused) {
            return "not allowed (" + refused.reason() + ")";
        }
        if (failure instanceof UnknownHostException) {
            return "host does not resolve";
        }
        if (failure instanceof InterruptedIOException) {
            return "timed out";
        }
        if (failure instanceof ConnectException) {
            return "could not connect";
        }
        if (failure instanceof SSLException) {
            return "TLS failed";
        }
        return "connection failed (" + failure.getClass().getSimpleName() + ")";
    }

    /** Up to {@code limit} bytes of the answer; a read that fails (cut off, reset) ends it with what came. */
    private static byte[] head(InputStream body, int limit) {
        byte[] buffer = new byte[limit];
        int length = 0;
        try {
            for (int n = 0; n >= 0 && length < limit; n = body.read(buffer, length, limit - length)) {
                length += n;
            }
        } catch (IOException stopped) {
            // the answer stopped coming, or was cut off at the timeout: its start is what came
        }
        return Arrays.copyOf(buffer, length);
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is dropped already
        }
    }

    @Override
    public void close() {
        cutoff.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
