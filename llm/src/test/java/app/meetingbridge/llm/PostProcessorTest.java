package app.meetingbridge.llm;

import static app.meetingbridge.llm.ChatCompletions.PATH;
import static app.meetingbridge.llm.ChatCompletions.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import app.meetingbridge.transcripts.Word;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class PostProcessorTest {

    private static final String KEY = "sk-test-5ecret-never-logged";
    private static final Map<Integer, String> NAMES = Map.of(0, "Alice", 1, "Bob");

    private final FakeHttpServer server = new FakeHttpServer();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<PostProcessor> processors = new ArrayList<>();

    @AfterEach
    void close() {
        processors.forEach(PostProcessor::close);
        server.close();
    }

    @Test
    void asksEachChunksTopicWithAStrictJsonSchemaTheModelAndTheKey() {
        AtomicInteger chunk = new AtomicInteger();
        answering(request -> topic("Subject " + chunk.incrementAndGet(), "What was said.", false));
        List<Word> words = words(1000);

        List<Topic> topics = processor(settings()).topics(words, NAMES);

        List<Recorded> requests = server.requests("POST", PATH);
        assertThat(requests).hasSize(4);
        for (Recorded request : requests) {
            JsonNode body = request.json();
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(body.get("model").asString()).isEqualTo("test-model");
            assertThat(body.at("/response_format/type").asString()).isEqualTo("json_schema");
            assertThat(body.at("/response_format/json_schema/name").asString()).isEqualTo("topic");
            assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
            assertThat(body.at("/response_format/json_schema/schema/required").toString())
                    .contains("title", "summary", "continues_previous_topic");
            assertThat(body.at("/response_format/json_schema/schema/additionalProperties").asBoolean()).isFalse();
            assertThat(ChatCompletions.messages(request).get(0).get("role").asString()).isEqualTo("system");
        }
        assertThat(ChatCompletions.question(requests.get(0))).contains("Alice: word0 word1")
                .contains("Previous topic: none");
        assertThat(topics).extracting(Topic::title).containsExactly("Subject 1", "Subject 2", "Subject 3", "Subject 4");
        assertThat(topics).extracting(Topic::summary).containsOnly("What was said.");
        assertEveryWordInExactlyOneTopic(words, topics);
        assertThat(topics.get(1).timestamp()).isEqualTo(words.get(300).start());
        assertThat(topics.get(1).duration()).isEqualTo(words.get(599).end() - words.get(300).start());
        assertThat(topics.get(0).transcript()).startsWith("word0 word1 word2");
        assertThat(TranscriptJson.topicsJson(topics)).contains("\"title\":\"Subject 1\"");
    }

    @Test
    void asksAboutSmallerChunksWhenTheContextWindowIsSmall() {
        answering(request -> topic("Budget", "The budget.", false));
        List<Word> words = words(1000);

        List<Topic> topics = processor(settings().withContextWindow(1500)).topics(words, NAMES);

        List<Recorded> requests = server.requests("POST", PATH);
        assertThat(requests.size()).isGreaterThan(6);
        for (Recorded request : requests) {
            String transcript = ChatCompletions.question(request).replaceAll("(?s).*<transcript>\n|\n</transcript>", "");
            assertThat(transcript.length()).isLessThanOrEqualTo((1500 - Prompts.TOPIC_RESERVE_TOKENS) * 4);
        }
        assertEveryWordInExactlyOneTopic(words, topics);
    }

    @Test
    void takesTheBaseUrlWithOrWithoutATrailingSlash() {
        answering(request -> topic("Budget", "The budget.", false));

        processor(settings(server.baseUri() + "/v1/")).topics(words(10), NAMES);
        processor(settings(server.baseUri() + "/v1")).topics(words(10), NAMES);

        assertThat(server.requests()).extracting(Recorded::path).containsExactly(PATH, PATH);
    }

    @Test
    void mergesAChunkOnThePreviousTopicsSubjectIntoIt() {
        AtomicInteger chunk = new AtomicInteger();
        answering(request -> switch (chunk.incrementAndGet()) {
            case 1 -> topic("Budget", "The budget.", false);
            case 2 -> topic("Budget and its cuts", "The budget, then where to cut it.", true);
            case 3 -> topic("Hiring", "Who to hire.", false);
            default -> topic("Hiring plans", "Who to hire and when.", true);
        });
        List<Word> words = words(1000);

        List<Topic> topics = processor(settings()).topics(words, NAMES);

        assertThat(topics).extracting(Topic::title).containsExactly("Budget and its cuts", "Hiring plans");
        assertThat(topics.get(0).words()).isEqualTo(words.subList(0, 600));
        assertThat(topics.get(1).words()).isEqualTo(words.subList(600, 1000));
        assertThat(topics.get(1).timestamp()).isEqualTo(words.get(600).start());
        assertEveryWordInExactlyOneTopic(words, topics);
        List<Recorded> requests = server.requests("POST", PATH);
        assertThat(ChatCompletions.question(requests.get(1))).contains("Title: Budget\nSummary: The budget.");
        assertThat(ChatCompletions.question(requests.get(3))).contains("Title: Hiring\nSummary: Who to hire.");
    }

    @Test
    void asksAgainAfterAnAnswerThatIsNotJsonSayingWhatWasWrong() {
        AtomicInteger attempt = new AtomicInteger();
        answering(request -> attempt.incrementAndGet() == 1 ? answer("Sure! The topic is the budget.")
                : topic("Budget", "The budget.", false));

        List<Topic> topics = processor(settings()).topics(words(100), NAMES);

        assertThat(topics).extracting(Topic::title).containsExactly("Budget");
        List<JsonNode> retry = ChatCompletions.messages(server.requests("POST", PATH).get(1));
        assertThat(retry).extracting(m -> m.get("role").asString())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(retry.get(2).get("content").asString()).isEqualTo("Sure! The topic is the budget.");
        assertThat(retry.get(3).get("content").asString()).contains("not JSON");
    }

    @Test
    void asksAgainAfterAnAnswerOfTheWrongShapeOrCutShort() {
        AtomicInteger attempt = new AtomicInteger();
        answering(request -> switch (attempt.incrementAndGet()) {
            case 1 -> answer(Map.of("title", " ", "summary", "The budget.", "continues_previous_topic", false));
            case 2 -> answer("{\"title\": \"Budget\", \"summ", "length");
            default -> topic("Budget", "The budget.", false);
        });

        List<Topic> topics = processor(settings()).topics(words(100), NAMES);

        assertThat(topics).extracting(Topic::title).containsExactly("Budget");
        List<Recorded> requests = server.requests("POST", PATH);
        assertThat(requests).hasSize(3);
        assertThat(ChatCompletions.messages(requests.get(1)).get(3).get("content").asString())
                .contains("\"title\" is missing, not a string, or empty");
        assertThat(ChatCompletions.messages(requests.get(2)).get(5).get("content").asString()).contains("cut off");
    }

    @Test
    void asksAgainAfterABodyThatIsNotAChatCompletion() {
        AtomicInteger attempt = new AtomicInteger();
        answering(request -> attempt.incrementAndGet() == 1
                ? new Reply(200, Map.of("Content-Type", "text/html"), "<html>proxy error</html>", Duration.ZERO)
                : topic("Budget", "The budget.", false));

        assertThat(processor(settings()).topics(words(100), NAMES)).extracting(Topic::title).containsExactly("Budget");
        List<JsonNode> retry = ChatCompletions.messages(server.requests("POST", PATH).get(1));
        assertThat(retry).extracting(m -> m.get("role").asString()).containsExactly("system", "user", "user");
        assertThat(retry.get(2).get("content").asString()).contains("not a chat completion");
    }

    @Test
    void failsWithMalformedAnswerWhenNoAnswerIsUsable() {
        answering(request -> answer("[]"));

        assertThatThrownBy(() -> processor(settings()).topics(words(100), NAMES))
                .isInstanceOf(MalformedAnswer.class)
                .hasMessageContaining("topic: no usable answer in 3 attempts")
                .hasMessageContaining("not a JSON object");
        assertThat(server.requests("POST", PATH)).hasSize(3);
    }

    @Test
    void givesUpOnASlowServerAfterItsRetriesWithinBoundedTime() {
        server.on("POST", PATH, topic("Budget", "The budget.", false).after(Duration.ofSeconds(3)));
        PostProcessor processor = processor(settings().withTimeout(Duration.ofMillis(300)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> processor.topics(words(100), NAMES))
                .isInstanceOf(LanguageModelUnavailable.class)
                .hasMessageContaining("did not answer");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(server.requests("POST", PATH)).hasSize(3);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOnTooManyRequests() {
        AtomicInteger attempt = new AtomicInteger();
        answering(request -> attempt.incrementAndGet() == 1
                ? ChatCompletions.error(429, "requests", "Rate limit reached").withHeader("Retry-After", "1")
                : topic("Budget", "The budget.", false));

        List<Topic> topics = processor(settings()).topics(words(100), NAMES);

        assertThat(topics).extracting(Topic::title).containsExactly("Budget");
        assertThat(arrivals).hasSize(2);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
                .isBetween(Duration.ofMillis(950), Duration.ofSeconds(3));
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDate() {
        AtomicInteger attempt = new AtomicInteger();
        answering(request -> attempt.incrementAndGet() == 1
                ? ChatCompletions.error(429, "requests", "Rate limit reached").withHeader("Retry-After",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3)))
                : topic("Budget", "The budget.", false));

        processor(settings()).topics(words(100), NAMES);

        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
                .isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
    }

    @Test
    void failsAtOnceWhenRetryAfterIsLongerThanItWaits() {
        server.on("POST", PATH, ChatCompletions.error(429, "requests", "Rate limit reached")
                .withHeader("Retry-After", "3600"));

        assertThatThrownBy(() -> processor(settings()).topics(words(100), NAMES))
                .isInstanceOf(LanguageModelUnavailable.class)
                .hasMessageContaining("answered 429 asking for a pause of PT1H");
        assertThat(server.requests("POST", PATH)).hasSize(1);
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        AtomicInteger attempt = new AtomicInteger();
        answering(request -> attempt.incrementAndGet() <= 2
                ? ChatCompletions.error(502, "server_error", "Bad gateway") : topic("Budget", "The budget.", false));

        assertThat(processor(settings()).topics(words(100), NAMES)).extracting(Topic::title).containsExactly("Budget");
        assertThat(server.requests("POST", PATH)).hasSize(3);
    }

    @Test
    void opensTheBreakerWhenTheServerKeepsFailingSoLaterCallsFailWithoutARequest() {
        server.on("POST", PATH, ChatCompletions.error(503, "server_error", "Service unavailable"));
        PostProcessor processor = processor(settings().withRetries(1, Duration.ofMillis(20), 2)
                .withBreaker(4, Duration.ofMinutes(1)));

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> processor.topics(words(100), NAMES))
                    .isInstanceOf(LanguageModelUnavailable.class).hasMessageContaining("answered 503");
        }
        assertThat(server.requests("POST", PATH)).hasSize(4);

        long started = System.nanoTime();
        assertThatThrownBy(() -> processor.topics(words(100), NAMES))
                .isInstanceOf(LanguageModelUnavailable.class).hasMessageContaining("circuit open");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(server.requests("POST", PATH)).hasSize(4);
    }

    @Test
    void opensTheBreakerWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostProcessor processor = processor(settings("http://127.0.0.1:" + port + "/v1")
                .withRetries(1, Duration.ofMillis(20), 2).withBreaker(2, Duration.ofMinutes(1)));

        assertThatThrownBy(() -> processor.topics(words(100), NAMES))
                .isInstanceOf(LanguageModelUnavailable.class).hasMessageContaining("did not answer");
        assertThatThrownBy(() -> processor.topics(words(100), NAMES))
                .isInstanceOf(LanguageModelUnavailable.class).hasMessageContaining("circuit open");
    }

    @Test
    void refusesWithoutRetryingWhenTheServerRejectsTheKey() {
        server.on("POST", PATH, ChatCompletions.error(401, "invalid_request_error", "Incorrect API key provided"));

        assertThatThrownBy(() -> processor(settings()).topics(words(100), NAMES))
                .isInstanceOfSatisfying(LanguageModelRefused.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(server.requests("POST", PATH)).hasSize(1);
    }

    @Test
    void keepsToTheRateOfRequests() {
        answering(request -> topic("Budget", "The budget.", false));
        PostProcessor processor = processor(new LlmSettings(server.baseUri() + "/v1", KEY, "test-model", 0,
                Duration.ofSeconds(5), 0, 2, 0, null, null, 0, null));

        processor.topics(words(1500), NAMES);

        assertThat(arrivals).hasSize(5);
        assertThat(Duration.ofNanos(arrivals.get(4) - arrivals.get(0))).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void asksNothingForNoWordsOrNoTopics() {
        PostProcessor processor = processor(settings());

        assertThat(processor.topics(List.of(), NAMES)).isEmpty();
        assertThat(processor.topics(List.of(new Word(" ", 0, 1, 0)), NAMES)).isEmpty();
        Recap recap = processor.recap(List.of(), NAMES);

        assertThat(recap.actionItems()).isEqualTo(Map.of("decisions", List.of(), "next_steps", List.of()));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void refusesSettingsWithoutAUrl() {
        assertThatThrownBy(() -> new PostProcessor(LlmSettings.of(" ", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LLM_URL");
    }

    @Test
    void makesTheRecapInReflectorsShape() {
        answering(request -> switch (ChatCompletions.schemaName(request)) {
            case "meeting_summary" -> answer(Map.of("title", "\"Q3 Budget Review.\"",
                    "short_summary", "Alice and Bob went through the Q3 budget.",
                    "long_summary", "## Budget\n- Cut travel\n\n## Hiring\n- Bob hires one engineer"));
            case "action_items" -> answer(Map.of(
                    "decisions", List.of(nullable("decision", "Cut travel by 20%", "rationale", "Over budget",
                            "decided_by", "Alice", "decided_by_participant_id", "0")),
                    "next_steps", List.of(nullable("task", "Post the engineer opening", "assigned_to", "Bob",
                            "assigned_to_participant_id", "7", "deadline", "Friday", "context", null))));
            default -> ChatCompletions.error(400, "invalid_request_error", "unexpected");
        });
        List<Topic> topics = List.of(topicOf("Budget", "Alice wants to cut travel."),
                topicOf("Hiring", "Bob will hire an engineer."));

        Recap recap = processor(settings()).recap(topics, NAMES);

        assertThat(recap.title()).isEqualTo("Q3 Budget Review");
        assertThat(recap.shortSummary()).isEqualTo("Alice and Bob went through the Q3 budget.");
        assertThat(recap.longSummary()).startsWith("## Budget");
        assertThat(recap.actionItems()).isEqualTo(Map.of(
                "decisions", List.of(nullable("decision", "Cut travel by 20%", "rationale", "Over budget",
                        "decided_by", "Alice", "decided_by_participant_id", "0")),
                "next_steps", List.of(nullable("task", "Post the engineer opening", "assigned_to", "Bob",
                        "assigned_to_participant_id", null, "deadline", "Friday", "context", null))));
        List<Recorded> requests = server.requests("POST", PATH);
        assertThat(requests).extracting(ChatCompletions::schemaName).containsExactly("meeting_summary", "action_items");
        for (Recorded request : requests) {
            assertThat(request.json().at("/response_format/json_schema/strict").asBoolean()).isTrue();
            assertThat(ChatCompletions.question(request)).contains("0: Alice\n1: Bob")
                    .contains("- Budget: Alice wants to cut travel.").contains("- Hiring: Bob will hire an engineer.");
        }
        assertThat(requests.get(1).json().at("/response_format/json_schema/schema/properties/next_steps/items/required")
                .toString()).contains("assigned_to_participant_id", "deadline", "context");
    }

    @Test
    void condensesTopicsThatDoNotFitTheContextWindowBeforeTheRecap() {
        AtomicInteger condensed = new AtomicInteger();
        answering(request -> switch (ChatCompletions.schemaName(request)) {
            case "condensed_notes" -> answer(Map.of("summary", "condensed part " + condensed.incrementAndGet()));
            case "meeting_summary" -> answer(Map.of("title", "Planning", "short_summary", "Plans.",
                    "long_summary", "- plans"));
            default -> answer(Map.of("decisions", List.of(), "next_steps", List.of()));
        });
        List<Topic> topics = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            topics.add(topicOf("Topic " + i, ("Summary of topic " + i + ". ").repeat(15)));
        }

        Recap recap = processor(settings().withContextWindow(2600)).recap(topics, NAMES);

        assertThat(recap.title()).isEqualTo("Planning");
        assertThat(recap.actionItems()).isEqualTo(Map.of("decisions", List.of(), "next_steps", List.of()));
        List<Recorded> requests = server.requests("POST", PATH);
        assertThat(condensed.get()).isGreaterThan(1);
        assertThat(requests.subList(0, condensed.get())).extracting(ChatCompletions::schemaName)
                .containsOnly("condensed_notes");
        String summaryQuestion = ChatCompletions.question(requests.get(condensed.get()));
        assertThat(summaryQuestion).contains("condensed part 1").doesNotContain("Summary of topic 0");
    }

    @Test
    void logsEachCallWithItsDurationAndTokensButNeverTheKey(CapturedOutput output) {
        answering(request -> topic("Budget", "The budget.", false));

        processor(settings()).topics(words(10), NAMES);

        assertThat(output.getAll()).containsPattern("language model test-model answered topic in \\d+ ms "
                + "\\(1117 prompt tokens, 46 answer tokens\\)");
        assertThat(output.getAll()).doesNotContain(KEY);
        assertThat(settings().toString()).doesNotContain(KEY);
    }

    private void answering(Function<Recorded, Reply> answer) {
        server.on("POST", PATH, request -> {
            arrivals.add(System.nanoTime());
            return answer.apply(request);
        });
    }

    private PostProcessor processor(LlmSettings settings) {
        PostProcessor processor = new PostProcessor(settings);
        processors.add(processor);
        return processor;
    }

    private LlmSettings settings() {
        return settings(server.baseUri() + "/v1");
    }

    private static LlmSettings settings(String url) {
        return new LlmSettings(url, KEY, "test-model", 16000, Duration.ofSeconds(5), 2, 100, 2,
                Duration.ofMillis(50), Duration.ofSeconds(10), 50, Duration.ofSeconds(30));
    }

    private static Reply topic(String title, String summary, boolean continues) {
        return answer(Map.of("title", title, "summary", summary, "continues_previous_topic", continues));
    }

    private static Map<String, Object> nullable(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static Topic topicOf(String title, String summary) {
        return new Topic("t-" + title, title, summary, 0, 1.0, "", List.of());
    }

    private static List<Word> words(int count) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(new Word("word" + i, i * 0.5, i * 0.5 + 0.4, (i / 50) % 2));
        }
        return words;
    }

    private static void assertEveryWordInExactlyOneTopic(List<Word> words, List<Topic> topics) {
        List<Word> all = topics.stream().flatMap(topic -> topic.words().stream()).toList();
        assertThat(all).isEqualTo(words);
        Set<Word> distinct = new HashSet<>(all);
        assertThat(distinct).hasSize(words.size());
    }
}
