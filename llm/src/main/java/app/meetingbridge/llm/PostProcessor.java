package app.meetingbridge.llm;

import app.meetingbridge.llm.DraftTopics.ChunkAnswer;
import app.meetingbridge.llm.DraftTopics.Draft;
import app.meetingbridge.llm.Questions.Question;
import app.meetingbridge.transcripts.Segment;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.Word;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A transcript's post-processing by a language model: its topics from its words, and its recap from its topics.
 * Every question goes to the OpenAI-compatible server of {@link LlmSettings} and must be answered with JSON of a
 * schema (structured outputs); see {@link LanguageModelException} for how a step fails. One instance per process:
 * it holds the HTTP client, the rate limiter and the circuit breaker all its callers share. Thread-safe.
 */
public final class PostProcessor implements AutoCloseable {

    private static final int LONGEST_TITLE = 200;

    private final LlmSettings settings;
    private final ChatModel model;
    private final Questions questions;

    /** @throws IllegalArgumentException when {@code LLM_URL} is not set */
    public PostProcessor(LlmSettings settings) {
        this(settings, Clock.systemUTC());
    }

    PostProcessor(LlmSettings settings, Clock clock) {
        this.settings = settings;
        this.model = new ChatModel(settings, clock);
        this.questions = new Questions(model, settings.malformedRetries());
    }

    /**
     * The topics of a transcript: its words cut into chunks of about 300 words that fit the context window, each
     * chunk's title and summary asked for in order, a chunk on the previous topic's subject joining it. Each topic
     * has its words in order (every word in exactly one topic), starts at its first word and lasts to the end of
     * its last; its transcript is its words' text. No words, or none with any text: no topics.
     *
     * @param speakerNames the participants' names by speaker number; others are called "Speaker n"
     * @throws LanguageModelException when a chunk's topic could not be had
     */
    public List<Topic> topics(List<Word> words, Map<Integer, String> speakerNames) {
        IntFunction<String> name = speaker -> speakerNames.getOrDefault(speaker, "Speaker " + speaker);
        int chunkTokens = Math.max(settings.contextWindow() - Prompts.TOPIC_RESERVE_TOKENS, 100);
        List<List<Word>> chunks = new Chunking(Chunking.WORDS_PER_CHUNK, chunkTokens, name).split(words);
        DraftTopics topics = new DraftTopics();
        List<Word> wordless = new ArrayList<>();
        for (List<Word> chunk : chunks) {
            String transcript = Chunking.render(chunk, name);
            if (transcript.isEmpty()) {
                wordless.addAll(chunk);
                continue;
            }
            List<Word> asked = new ArrayList<>(wordless);
            asked.addAll(chunk);
            wordless.clear();
            Draft previous = topics.last();
            ChunkAnswer answer = questions.ask(new Question<>("topic", Prompts.TOPIC_SCHEMA,
                    Prompts.TOPIC_INSTRUCTIONS,
                    Prompts.topicQuestion(transcript, previous == null ? null : previous.title(),
                            previous == null ? null : previous.summary()),
                    PostProcessor::chunkAnswer));
            topics.add(asked, answer);
        }
        if (!wordless.isEmpty() && topics.last() != null) {
            topics.appendToLast(wordless);
        }
        return topics.drafts().stream().map(PostProcessor::topic).toList();
    }

    /**
     * The recap of a transcript from its topics' titles and summaries (condensed first, in rounds, when they do
     * not fit the context window): title, short and long summary, and action items. No topics: an empty recap,
     * asked of nobody.
     *
     * @param speakerNames the participants' names by speaker number, so that the model can name people
     * @throws LanguageModelException when a part of the recap could not be had
     */
    public Recap recap(List<Topic> topics, Map<Integer, String> speakerNames) {
        if (topics.isEmpty()) {
            return new Recap("", "", "", Map.of("decisions", List.of(), "next_steps", List.of()));
        }
        List<String> summaries = fitting(topics.stream()
                .map(topic -> topic.title() + ": " + topic.summary()).toList());
        String question = Prompts.recapQuestion(summaries, speakerNames);
        Recap summary = questions.ask(new Question<>("meeting_summary", Prompts.SUMMARY_SCHEMA,
                Prompts.SUMMARY_INSTRUCTIONS, question, node -> new Recap(cleanTitle(
                        Questions.requiredText(node, "title")), Questions.requiredText(node, "short_summary"),
                        Questions.requiredText(node, "long_summary"), Map.of())));
        Map<String, Object> actionItems = questions.ask(new Question<>("action_items", Prompts.ACTION_ITEMS_SCHEMA,
                Prompts.ACTION_ITEMS_INSTRUCTIONS, question, node -> actionItems(node, speakerNames)));
        return new Recap(summary.title(), summary.shortSummary(), summary.longSummary(), actionItems);
    }

    @Override
    public void close() {
        model.close();
    }

    private List<String> fitting(List<String> summaries) {
        int maxChars = Math.max(settings.contextWindow() - Prompts.RECAP_RESERVE_TOKENS, 200) * Chunking.CHARS_PER_TOKEN;
        for (int round = 0; round < 5 && Condensing.length(summaries) > maxChars; round++) {
            List<List<String>> batches = Condensing.batches(summaries, maxChars);
            List<String> condensed = new ArrayList<>();
            for (List<String> batch : batches) {
                condensed.add(batch.size() == 1 && round > 0 ? batch.get(0)
                        : questions.ask(new Question<>("condensed_notes", Prompts.CONDENSED_SCHEMA,
                                Prompts.CONDENSE_INSTRUCTIONS,
                                batch.stream().map(summary -> "- " + summary).collect(Collectors.joining("\n")),
                                node -> Questions.requiredText(node, "summary"))));
            }
            summaries = condensed;
        }
        return summaries;
    }

    private static ChunkAnswer chunkAnswer(JsonNode node) {
        return new ChunkAnswer(cleanTitle(Questions.requiredText(node, "title")),
                Questions.requiredText(node, "summary"), Questions.requiredBoolean(node, "continues_previous_topic"));
    }

    private static Topic topic(Draft draft) {
        List<Word> words = draft.words();
        double start = words.get(0).start();
        double end = words.stream().mapToDouble(Word::end).max().orElse(start);
        String transcript = Segment.of(words).stream().map(Segment::text).collect(Collectors.joining(" "));
        return new Topic(UUID.randomUUID().toString(), draft.title(), draft.summary(), start, end - start,
                transcript, words);
    }

    static Map<String, Object> actionItems(JsonNode node, Map<Integer, String> speakerNames) {
        List<Object> decisions = new ArrayList<>();
        for (JsonNode item : Questions.requiredArray(node, "decisions")) {
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("decision", Questions.requiredText(item, "decision"));
            decision.put("rationale", Questions.optionalText(item, "rationale"));
            decision.put("decided_by", Questions.optionalText(item, "decided_by"));
            decision.put("decided_by_participant_id",
                    participant(Questions.optionalText(item, "decided_by_participant_id"), speakerNames));
            decisions.add(decision);
        }
        List<Object> nextSteps = new ArrayList<>();
        for (JsonNode item : Questions.requiredArray(node, "next_steps")) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("task", Questions.requiredText(item, "task"));
            step.put("assigned_to", Questions.optionalText(item, "assigned_to"));
            step.put("assigned_to_participant_id",
                    participant(Questions.optionalText(item, "assigned_to_participant_id"), speakerNames));
            step.put("deadline", Questions.optionalText(item, "deadline"));
            step.put("context", Questions.optionalText(item, "context"));
            nextSteps.add(step);
        }
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("decisions", decisions);
        items.put("next_steps", nextSteps);
        return items;
    }

    /** A participant number the model gave, kept only when it is one of the speakers it was told about. */
    private static @Nullable String participant(@Nullable String id, Map<Integer, String> speakerNames) {
        if (id == null) {
            return null;
        }
        try {
            return speakerNames.containsKey(Integer.parseInt(id.strip())) ? id.strip() : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** A title on one line, without quotes around it or a full stop after it, at most 200 characters. */
    static String cleanTitle(String title) {
        String clean = title.replaceAll("\\s+", " ").strip()
                .replaceAll("^[\"'“”‘’*#]+|[\"'“”‘’*]+$", "").strip()
                .replaceAll("\\.+$", "").strip();
        if (clean.isEmpty()) {
            throw new InvalidAnswer("the title is empty");
        }
        return clean.length() > LONGEST_TITLE ? clean.substring(0, LONGEST_TITLE).strip() : clean;
    }
}
