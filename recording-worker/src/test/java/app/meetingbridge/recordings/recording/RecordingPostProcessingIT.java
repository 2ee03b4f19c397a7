package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.TRANSCRIPT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The language-model step in the pipeline, the model faked at the HTTP level as an OpenAI-compatible server: the
 * transcript's topics get titles and summaries, the transcript its title, summaries and action items, each sent as
 * its live event and carried by the room's webhook; a model that is down leaves the transcript ended with its words,
 * the missing parts marked, made once it is back and sent again.
 */
class RecordingPostProcessingIT extends RecordingTestSupport {

    static final FakeHttpServer backend = new FakeHttpServer();
    static final FakeLanguageModel model = new FakeLanguageModel();
    static final FakeHttpServer receiver = new FakeHttpServer();

    @DynamicPropertySource
    static void transcriptionAndModel(DynamicPropertyRegistry registry) {
        registry.add("app.transcription.url", () -> backend.baseUri().toString());
        registry.add("app.llm.url", model::url);
        registry.add("app.llm.api-key", () -> "llm-key");
        registry.add("app.llm.model", () -> "meeting-notes");
        registry.add("app.llm.timeout", () -> "5s");
        registry.add("app.llm.retries", () -> "1");
        registry.add("app.llm.retry-backoff", () -> "100ms");
        registry.add("app.llm.breaker-open-for", () -> "2s");
        registry.add("app.llm.retry-interval", () -> "1s");
        registry.add("app.llm.retry-check", () -> "300ms");
        registry.add("app.room-webhooks.first-retry", () -> "200ms");
        registry.add("app.room-webhooks.longest-retry", () -> "400ms");
        registry.add("app.outbound.allowed-hosts", () -> "127.0.0.1");
    }

    @AfterAll
    static void closeServers() {
        backend.close();
        model.close();
        receiver.close();
    }

    @BeforeEach
    void backendAnswers() {
        model.down(false);
        backend.reset();
        backend.on("POST", "/v1/audio/transcriptions", Reply.json(200, "{\"text\":\"We ship on Friday\",\"words\":["
                + "{\"word\":\" We\",\"start\":0.1,\"end\":0.2},{\"word\":\" ship\",\"start\":0.2,\"end\":0.4},"
                + "{\"word\":\" on\",\"start\":0.4,\"end\":0.5},{\"word\":\" Friday\",\"start\":0.5,\"end\":0.9}]}"));
    }

    @Test
    void theModelTitlesTheTopicsAndRecapsTheTranscriptAndTheWebhookCarriesIt() throws Exception {
        String path = "/hook-" + UUID.randomUUID();
        receiver.on("POST", path, Reply.json(200, "{}"));
        int asked = model.requests().size();

        String id = announcedWithWebhook(path, 410);

        await(() -> inState(id, "done"));
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getStatus()).isEqualTo("ended");
        assertThat(transcript.getPostprocessMissing()).isEmpty();
        assertThat(transcript.getTitle()).isNotBlank();
        assertThat(transcript.getShortSummary()).isNotBlank();
        assertThat(transcript.getLongSummary()).isNotBlank();
        JsonNode actionItems = json.readTree(transcript.getActionItems().data());
        assertThat(actionItems.has("decisions")).isTrue();
        assertThat(actionItems.has("next_steps")).isTrue();
        JsonNode topics = json.readTree(transcript.getTopics().data());
        assertThat(topics).isNotEmpty().allSatisfy(topic -> {
            assertThat(topic.get("title").stringValue()).isNotBlank();
            assertThat(topic.get("summary").stringValue()).isNotBlank();
        });
        assertThat(topics.valueStream().mapToInt(topic -> topic.get("words").size()).sum()).isEqualTo(4);
        assertThat(eventsOf(transcript.getId())).containsSubsequence("TOPIC", "FINAL_TITLE", "FINAL_LONG_SUMMARY",
                "FINAL_SHORT_SUMMARY", "ACTION_ITEMS", "STATUS");
        var requests = model.requests().subList(asked, model.requests().size());
        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Bearer llm-key");
            assertThat(request.json().path("model").asString()).isEqualTo("meeting-notes");
            assertThat(request.json().path("response_format").path("type").asString()).isEqualTo("json_schema");
            assertThat(request.json().path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
        });

        await(() -> receiver.requests("POST", path).size() == 1);
        JsonNode sent = json.readTree(receiver.requests("POST", path).get(0).body()).get("transcript");
        assertThat(sent.get("title").stringValue()).isEqualTo(transcript.getTitle());
        assertThat(sent.get("short_summary").stringValue()).isEqualTo(transcript.getShortSummary());
        assertThat(sent.get("long_summary").stringValue()).isEqualTo(transcript.getLongSummary());
        assertThat(sent.get("action_items")).isEqualTo(actionItems);
        assertThat(sent.get("topics").get(0).get("title").stringValue()).isEqualTo(topics.get(0).get("title")
                .stringValue());
    }

    @Test
    void aModelThatIsDownLeavesTheTranscriptEndedWithItsWordsAndWhatItMissesIsMadeAndSentOnceItIsBack()
            throws Exception {
        String path = "/later-" + UUID.randomUUID();
        receiver.on("POST", path, Reply.json(200, "{}"));
        model.down(true);

        String id = announcedWithWebhook(path, 420);

        await(() -> inState(id, "done"));
        TranscriptRecord ended = transcriptOf(id);
        assertThat(ended.getStatus()).isEqualTo("ended");
        assertThat(ended.getPostprocessMissing()).containsExactlyInAnyOrder("topics", "recap");
        assertThat(ended.getTitle()).isNull();
        JsonNode untitled = json.readTree(ended.getTopics().data());
        assertThat(untitled).hasSize(1);
        assertThat(untitled.get(0).get("transcript").stringValue()).isEqualTo("We ship on Friday");
        await(() -> receiver.requests("POST", path).size() == 1);
        assertThat(json.readTree(receiver.requests("POST", path).get(0).body()).get("transcript").get("title").isNull())
                .isTrue();

        model.down(false);

        await(() -> transcriptOf(id).getPostprocessMissing().length == 0);
        TranscriptRecord completed = transcriptOf(id);
        assertThat(completed.getStatus()).isEqualTo("ended");
        assertThat(completed.getTitle()).isNotBlank();
        assertThat(completed.getPostprocessNextAt()).isNull();
        assertThat(json.readTree(completed.getTopics().data()).get(0).get("title").stringValue()).isNotBlank();
        await(() -> receiver.requests("POST", path).size() == 2);
        JsonNode resent = json.readTree(receiver.requests("POST", path).get(1).body());
        assertThat(resent.get("transcript").get("title").stringValue()).isEqualTo(completed.getTitle());
        assertThat(resent.get("event_id").stringValue()).isNotEqualTo(
                json.readTree(receiver.requests("POST", path).get(0).body()).get("event_id").stringValue());
        assertThat(eventsOf(completed.getId())).containsSubsequence("STATUS", "TOPIC", "FINAL_TITLE");
    }

    String announcedWithWebhook(String path, int frequency) throws Exception {
        String meeting = aMeeting();
        db.update(app.meetingbridge.db.Tables.ROOM).set(app.meetingbridge.db.Tables.ROOM.WEBHOOK_URL,
                        receiver.baseUri() + path)
                .where(app.meetingbridge.db.Tables.ROOM.ID.eq(db.select(app.meetingbridge.db.Tables.MEETING.ROOM_ID)
                        .from(app.meetingbridge.db.Tables.MEETING)
                        .where(app.meetingbridge.db.Tables.MEETING.ID.eq(meeting))))
                .execute();
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(frequency, 1));
        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        return id;
    }

    List<String> eventsOf(String transcriptId) {
        return db.select(TRANSCRIPT_EVENT.EVENT).from(TRANSCRIPT_EVENT)
                .where(TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(transcriptId)).orderBy(TRANSCRIPT_EVENT.ID)
                .fetch(TRANSCRIPT_EVENT.EVENT);
    }
}
