package app.meetingbridge.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that talks to the chat-completions server, through the OpenAI Java SDK: every request asks for a
 * JSON answer of a given schema ({@code response_format} {@code json_schema}, strict) and goes through a rate
 * limiter, a circuit breaker and retries. The SDK's own retries are off, so that each attempt is one request the
 * limiter and breaker see, and a {@code Retry-After} is honoured as the server gives it (the SDK caps it at 8 s).
 */
final class ChatModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatModel.class);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration LONGEST_CONNECT = Duration.ofSeconds(10);

    enum Role { SYSTEM, USER, ASSISTANT }

    record Message(Role role, String content) {
    }

    /** The text the model answered, and whether it stopped by itself (not cut by the length limit). */
    record Answer(String content, boolean complete) {
    }

    private final LlmSettings settings;
    private final Clock clock;
    private final OpenAIClient client;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final Retry retry;

    ChatModel(LlmSettings settings, Clock clock) {
        if (!settings.configured()) {
            throw new IllegalArgumentException("LLM_URL is not set");
        }
        this.settings = settings;
        this.clock = clock;
        Duration connect = settings.timeout().compareTo(LONGEST_CONNECT) < 0 ? settings.timeout() : LONGEST_CONNECT;
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(settings.url())
                // servers without keys (a local vLLM or Ollama) ignore the bearer token the SDK always sends
                .apiKey(settings.apiKey() == null ? "unused" : settings.apiKey())
                .maxRetries(0)
                .timeout(Timeout.builder().connect(connect).request(settings.timeout()).build())
                .build();
        this.breaker = CircuitBreaker.of("llm", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(settings.breakerMinimumCalls(), 10))
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(ChatModel::serverAtFault)
                .build());
        double perSecond = settings.requestsPerSecond();
        RateLimiterConfig rate = perSecond >= 1
                ? RateLimiterConfig.custom().limitForPeriod((int) Math.round(perSecond))
                        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(settings.timeout()).build()
                : RateLimiterConfig.custom().limitForPeriod(1)
                        .limitRefreshPeriod(Duration.ofMillis(Math.round(1000 / perSecond)))
                        .timeoutDuration(settings.timeout()).build();
        this.limiter = RateLimiter.of("llm", rate);
        this.retry = Retry.of("llm", RetryConfig.custom()
                .maxAttempts(settings.retries() + 1)
                .retryOnException(this::worthRetrying)
                .intervalBiFunction(backoff())
                .build());
    }

    /**
     * Asks for an answer of {@code schema} (named {@code schemaName}) to {@code messages}.
     *
     * @throws LanguageModelUnavailable when no answer came within the retries, or the breaker is open
     * @throws LanguageModelRefused when the server refused the request (4xx)
     * @throws InvalidAnswer when the server answered something that is not a chat completion
     */
    Answer ask(String schemaName, Map<String, Object> schema, List<Message> messages) {
        ChatCompletionCreateParams params = params(schemaName, schema, messages);
        Supplier<ChatCompletion> attempt = () -> send(schemaName, params);
        Supplier<ChatCompletion> guarded = CircuitBreaker.decorateSupplier(breaker,
                RateLimiter.decorateSupplier(limiter, attempt));
        ChatCompletion completion;
        try {
            completion = Retry.decorateSupplier(retry, guarded).get();
        } catch (CallNotPermittedException e) {
            throw new LanguageModelUnavailable("the language model failed recently; not calling it for a while "
                    + "(circuit open)", e);
        } catch (RequestNotPermitted e) {
            throw new LanguageModelUnavailable("over the rate of requests to the language model for longer than "
                    + settings.timeout(), e);
        } catch (OpenAIIoException e) {
            throw new LanguageModelUnavailable("the language model did not answer: " + describe(e), e);
        } catch (OpenAIServiceException e) {
            if (transientStatus(e.statusCode())) {
                throw new LanguageModelUnavailable("the language model answered " + e.statusCode()
                        + retryAfter(e).map(wait -> " asking for a pause of " + wait).orElse(""), e);
            }
            throw new LanguageModelRefused("the language model refused the request: " + e.getMessage(),
                    e.statusCode(), e);
        } catch (OpenAIInvalidDataException e) {
            throw new InvalidAnswer("the answer is not a chat completion (" + e.getMessage() + ")");
        } catch (OpenAIException e) {
            throw new LanguageModelUnavailable("the language model could not be asked: " + describe(e), e);
        }
        return answer(completion);
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    @Override
    public void close() {
        client.close();
    }

    private ChatCompletionCreateParams params(String schemaName, Map<String, Object> schema, List<Message> messages) {
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder body = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        schema.forEach((key, value) -> body.putAdditionalProperty(key, JsonValue.from(value)));
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(settings.model())
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name(schemaName).strict(true).schema(body.build()).build())
                        .build());
        for (Message message : messages) {
            switch (message.role()) {
                case SYSTEM -> params.addSystemMessage(message.content());
                case USER -> params.addUserMessage(message.content());
                case ASSISTANT -> params.addMessage(ChatCompletionAssistantMessageParam.builder()
                        .content(message.content()).build());
            }
        }
        return params.build();
    }

    private ChatCompletion send(String schemaName, ChatCompletionCreateParams params) {
        long started = System.nanoTime();
        try {
            ChatCompletion completion = client.chat().completions().create(params);
            log.info("language model {} answered {} in {} ms{}", settings.model(), schemaName, millisSince(started),
                    usage(completion));
            return completion;
        } catch (RuntimeException e) {
            log.warn("language model {} failed on {} after {} ms: {}", settings.model(), schemaName,
                    millisSince(started), describe(e));
            throw e;
        }
    }

    private static Answer answer(ChatCompletion completion) {
        try {
            if (completion.choices().isEmpty()) {
                throw new InvalidAnswer("the answer had no choices");
            }
            ChatCompletion.Choice choice = completion.choices().get(0);
            Optional<String> refusal = choice.message().refusal();
            if (refusal.isPresent() && !refusal.get().isBlank()) {
                throw new InvalidAnswer("the model refused: " + refusal.get());
            }
            String content = choice.message().content().orElse("");
            boolean cut = ChatCompletion.Choice.FinishReason.LENGTH.equals(choice.finishReason());
            return new Answer(content, !cut);
        } catch (OpenAIInvalidDataException e) {
            throw new InvalidAnswer("the answer is not a chat completion: " + e.getMessage());
        }
    }

    private static String usage(ChatCompletion completion) {
        try {
            return completion.usage()
                    .map(usage -> " (" + usage.promptTokens() + " prompt tokens, " + usage.completionTokens()
                            + " answer tokens)")
                    .orElse("");
        } catch (OpenAIInvalidDataException incompleteUsage) {
            return "";
        }
    }

    private boolean worthRetrying(Throwable failure) {
        if (failure instanceof OpenAIServiceException http) {
            return transientStatus(http.statusCode())
                    && retryAfter(http).map(wait -> wait.compareTo(settings.maxRetryAfter()) <= 0).orElse(true);
        }
        return failure instanceof OpenAIIoException;
    }

    private IntervalBiFunction<Object> backoff() {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof OpenAIServiceException http) {
                Optional<Duration> asked = retryAfter(http);
                if (asked.isPresent()) {
                    return Math.max(asked.get().toMillis(), 1);
                }
            }
            long ceiling = Math.min(LONGEST_BACKOFF.toMillis(),
                    settings.retryBackoff().toMillis() << Math.min(attempt - 1, 20));
            return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        };
    }

    private Optional<Duration> retryAfter(OpenAIServiceException http) {
        return RetryAfter.parse(first(http, "Retry-After"), first(http, "retry-after-ms"), clock);
    }

    private static @Nullable String first(OpenAIServiceException http, String header) {
        List<String> values = http.headers().values(header);
        return values.isEmpty() ? null : values.get(0);
    }

    private static boolean transientStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** No connection, no answer in time, or a 5xx: the server is down or failing, which the breaker counts. */
    static boolean serverAtFault(Throwable failure) {
        if (failure instanceof OpenAIServiceException http) {
            return http.statusCode() >= 500;
        }
        return failure instanceof OpenAIIoException;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof OpenAIServiceException http) {
            return "HTTP " + http.statusCode();
        }
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
