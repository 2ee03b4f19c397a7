package app.meetingbridge.zulip;

import app.meetingbridge.zulip.ZulipException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zulip's REST API for the operator's realm, as the bot ({@code ZULIP_BOT_EMAIL} and {@code ZULIP_API_KEY}, HTTP
 * basic authentication): the streams and a stream's topics, posting a message to a stream's topic and updating it.
 * Bodies are form-encoded; Zulip answers JSON with {@code result} ({@code success} or {@code error}) and {@code msg}.
 * <p>
 * The timeout bounds each whole exchange, the answer included; at most the configured number of bytes of an answer
 * are read; redirects are not followed (a redirect is a bad answer); no proxy, no cookies. The realm is the
 * operator's choice, so requests go there without the outbound guard users' addresses pass. Failures are
 * {@link ZulipException}s whose message never holds the API key nor Zulip's whole answer.
 */
public final class ZulipClient {

    /** A stream as the frontend lists it. */
    public record Stream(long streamId, String name) {
    }

    private static final int MSG_CHARS = 200;

    private final ZulipProperties properties;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public ZulipClient(ZulipProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    /** Realm, bot and key are set. */
    public boolean configured() {
        return properties.configured();
    }

    /** Every stream the bot can see ({@code GET /api/v1/streams}). */
    public List<Stream> streams() {
        JsonNode answer = exchange("GET", "/streams", null, "listing streams");
        List<Stream> streams = new ArrayList<>();
        for (JsonNode stream : answer.path("streams")) {
            if (stream.path("stream_id").isIntegralNumber() && stream.path("name").isString()) {
                streams.add(new Stream(stream.get("stream_id").longValue(), stream.get("name").stringValue()));
            }
        }
        return streams;
    }

    /** The names of a stream's topics, latest first as Zulip gives them ({@code GET /api/v1/users/me/{id}/topics}). */
    public List<String> topics(long streamId) {
        JsonNode answer = exchange("GET", "/users/me/" + streamId + "/topics", null, "listing topics");
        List<String> topics = new ArrayList<>();
        for (JsonNode topic : answer.path("topics")) {
            if (topic.path("name").isString()) {
                topics.add(topic.get("name").stringValue());
            }
        }
        return topics;
    }

    /** Posts {@code content} to {@code stream}'s {@code topic}: the new message's id ({@code POST /api/v1/messages}). */
    public long post(String stream, String topic, String content) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "stream");
        form.put("to", stream);
        form.put("topic", topic);
        form.put("content", content);
        JsonNode answer = exchange("POST", "/messages", form, "posting a message");
        if (!answer.path("id").isIntegralNumber()) {
            throw new ZulipException(Kind.BAD_ANSWER, 200, "posting a message: Zulip's answer has no message id");
        }
        return answer.get("id").longValue();
    }

    /**
     * Replaces message {@code messageId}'s topic and content ({@code PATCH /api/v1/messages/{id}}).
     *
     * @throws ZulipException of kind {@link Kind#MESSAGE_GONE} when Zulip has no such message ("Invalid message(s)")
     */
    public void update(long messageId, String topic, String content) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("topic", topic);
        form.put("content", content);
        exchange("PATCH", "/messages/" + messageId, form, "updating message " + messageId);
    }

    private JsonNode exchange(String method, String path, @Nullable Map<String, String> form, String what) {
        if (!properties.configured()) {
            throw new ZulipException(Kind.NOT_CONFIGURED, null, what + ": Zulip is not configured");
        }
        URI uri;
        try {
            uri = URI.create(properties.apiBase() + path);
        } catch (IllegalStateException e) {
            throw new ZulipException(Kind.NOT_CONFIGURED, null, what + ": " + e.getMessage());
        }
        String credentials = properties.botEmail() + ":" + properties.apiKey();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .header("User-Agent", "meetingbridge-zulip/1.0");
        if (form == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(encoded(form)));
        }
        HttpResponse<byte[]> response = send(request.build(), what);
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        String msg = answer == null ? "" : shortened(answer.path("msg").asString(""));
        boolean success = answer != null && "success".equals(answer.path("result").asString(""));
        if (status / 100 == 2 && success) {
            return answer;
        }
        if (status == 429 || status / 100 == 5) {
            throw new ZulipException(Kind.UNAVAILABLE, status, what + ": Zulip answered " + status + described(msg));
        }
        if (status == 400 && method.equals("PATCH") && "Invalid message(s)".equals(msg)) {
            throw new ZulipException(Kind.MESSAGE_GONE, status, what + ": Zulip has no such message");
        }
        if (status / 100 == 4 && answer != null) {
            throw new ZulipException(Kind.REFUSED, status, what + ": Zulip refused with " + status + described(msg));
        }
        throw new ZulipException(Kind.BAD_ANSWER, status, what + ": Zulip answered " + status
                + (answer == null ? " with something other than its JSON" : described(msg)));
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) {
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> {
            body.set(new CappedBody(properties.maxAnswerBytes()));
            return body.get();
        });
        try {
            return exchange.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            CappedBody reading = body.get();
            if (reading != null) {
                reading.abort(); // an answer still trickling in: the connection is dropped
            }
            throw new ZulipException(Kind.UNAVAILABLE, null, what + ": no answer from Zulip within "
                    + properties.timeout());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ZulipException(Kind.UNAVAILABLE, null, what + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (tooLarge(cause)) {
                throw new ZulipException(Kind.BAD_ANSWER, null, what + ": Zulip's answer is larger than "
                        + properties.maxAnswerBytes() + " bytes");
            }
            throw new ZulipException(Kind.UNAVAILABLE, null, what + ": " + describe(cause));
        }
    }

    private static boolean tooLarge(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AnswerTooLarge) {
                return true;
            }
        }
        return false;
    }

    /** A failed exchange in a few words that name no address nor credential. */
    private static String describe(@Nullable Throwable failure) {
        if (failure instanceof HttpConnectTimeoutException || failure instanceof HttpTimeoutException) {
            return "no answer from Zulip in time";
        }
        if (failure instanceof ConnectException) {
            return "could not connect to Zulip";
        }
        if (failure instanceof javax.net.ssl.SSLException) {
            return "TLS with Zulip failed";
        }
        if (failure instanceof IOException) {
            return "the connection to Zulip failed";
        }
        return "the exchange with Zulip failed";
    }

    private @Nullable JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String described(String msg) {
        return msg.isEmpty() ? "" : " (\"" + msg + "\")";
    }

    private static String shortened(String msg) {
        String line = msg.replaceAll("\\s+", " ").strip();
        return line.length() <= MSG_CHARS ? line : line.substring(0, MSG_CHARS) + "…";
    }

    static String encoded(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static final class AnswerTooLarge extends IOException {
        AnswerTooLarge() {
            super("answer too large");
        }
    }

    /** Collects an answer's body, failing (and dropping the connection) once it exceeds {@code max} bytes. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int max;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.@Nullable Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (body.size() + item.remaining() > max) {
                    if (subscription != null) {
                        subscription.cancel();
                    }
                    result.completeExceptionally(new AnswerTooLarge());
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                body.writeBytes(bytes);
            }
        }

        /** Stops reading: the connection is given up. */
        void abort() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            result.completeExceptionally(new IOException("given up"));
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
