package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.db.Tables.TRANSCRIPT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.transcript.TranscriptEvent;
import app.meetingbridge.llm.Recap;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.Fixtures;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.Word;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The live events a real pipeline run logs and sends (the recording fetched, mixed by the real ffmpeg, transcribed
 * by a backend faked at the HTTP level): in the transcript's log, in the order they happened, in Reflector's socket
 * shapes, each also sent on the transcripts exchange, and the owner told of the new transcript.
 */
class RecordingLiveEventsIT extends RecordingTestSupport {

    static final FakeHttpServer backend = new FakeHttpServer();

    @Autowired
    TranscriptRepository transcripts;

    Queue sent;

    @DynamicPropertySource
    static void transcription(DynamicPropertyRegistry registry) {
        registry.add("app.transcription.url", () -> backend.baseUri().toString());
        registry.add("app.transcription.api-key", () -> "gpu-key");
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @BeforeEach
    void backendAndListener() {
        backend.reset();
        backend.on("POST", "/v1/audio/transcriptions", request -> Reply.json(200,
                "{\"text\":\"Hello there\",\"words\":[{\"word\":\" Hello\",\"start\":0.2,\"end\":0.5},"
                        + "{\"word\":\" there\",\"start\":0.6,\"end\":0.9}]}"));
        // not exclusive: polled by whichever connection the template takes
        sent = new Queue("transcript-events.test." + UUID.randomUUID(), false, false, false);
        admin.declareQueue(sent);
        admin.declareBinding(BindingBuilder.bind(sent).to(new TopicExchange(Topology.TRANSCRIPTS_EXCHANGE))
                .with(Topology.TRANSCRIPT_EVENT));
    }

    @Test
    void aPipelineRunLogsEveryChangeTheFrontendShowsInOrderAndSendsEachOnce() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(440, 2));

        announce(id, aMeeting(), RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> inState(id, "done"));
        String transcriptId = transcriptOf(id).getId();
        List<String> logged = db.select(TRANSCRIPT_EVENT.EVENT).from(TRANSCRIPT_EVENT)
                .where(TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(transcriptId)).orderBy(TRANSCRIPT_EVENT.ID)
                .fetch(TRANSCRIPT_EVENT.EVENT);
        assertThat(logged).containsExactly("STATUS", "DURATION", "WAVEFORM", "STATUS", "TRANSCRIPT", "TOPIC", "STATUS");
        List<JsonNode> data = db.select(TRANSCRIPT_EVENT.DATA).from(TRANSCRIPT_EVENT)
                .where(TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(transcriptId)).orderBy(TRANSCRIPT_EVENT.ID)
                .fetch(row -> json.readTree(row.value1().data()));
        assertThat(data.get(0)).isEqualTo(json.readTree("{\"value\":\"processing\"}"));
        assertThat(data.get(1).get("duration").longValue()).isEqualTo(transcriptOf(id).getDurationMs());
        assertThat(data.get(2).get("waveform")).hasSize(255);
        assertThat(data.get(3)).isEqualTo(json.readTree("{\"value\":\"uploaded\"}"));
        assertThat(data.get(4)).isEqualTo(json.readTree("{\"text\":\"Hello there\",\"translation\":null}"));
        JsonNode topic = data.get(5);
        JsonNode stored = json.readTree(transcriptOf(id).getTopics().data()).get(0);
        assertThat(topic.get("id")).isEqualTo(stored.get("id"));
        assertThat(topic.get("transcript").stringValue()).isEqualTo("Hello there");
        assertThat(topic.has("title") && topic.has("summary") && topic.has("timestamp") && topic.has("duration"))
                .isTrue();
        assertThat(topic.get("segments")).hasSize(1);
        assertThat(topic.get("segments").get(0)).isEqualTo(json.readTree(
                "{\"text\":\"Hello there\",\"start\":0.2,\"speaker\":0}"));
        assertThat(topic.has("words")).isFalse();
        assertThat(data.get(6)).isEqualTo(json.readTree("{\"value\":\"ended\"}"));

        List<TranscriptEvent> messages = new ArrayList<>();
        await(() -> {
            Message message;
            while ((message = rabbit.receive(sent.getName())) != null) {
                TranscriptEvent event = json.readValue(message.getBody(), TranscriptEvent.class);
                if (event.transcriptId().equals(transcriptId)) {
                    messages.add(event);
                }
            }
            return messages.size() >= logged.size() + 1;
        });
        assertThat(messages).allSatisfy(event -> assertThat(event.ownerId()).isEqualTo("owner-1"));
        assertThat(messages).filteredOn(event -> event.seq() == null).singleElement().satisfies(created -> {
            assertThat(created.event()).isEqualTo("TRANSCRIPT_CREATED");
            assertThat(json.readTree(created.dataJson())).isEqualTo(json.readTree("{\"id\":\"" + transcriptId + "\"}"));
        });
        assertThat(messages).filteredOn(event -> event.seq() != null).extracting(TranscriptEvent::event)
                .containsExactlyElementsOf(logged);
    }

    @Test
    void theRecapIsStoredWithTheWordsAndLoggedBeforeTheEndedStatus() {
        String transcriptId = aTranscript("processing");
        Topic topic = new Topic("t1", "Planning", "What we plan", 0, 2.0, "",
                List.of(new Word("hello", 0, 1, 0), new Word("there", 1, 2, 1)));
        Recap recap = new Recap("Weekly sync", "Short", "Long summary", Map.of("decisions", List.of("ship it")));

        transcripts.transcribed(transcriptId, new PostProcessed(List.of(topic), recap, Set.of()),
                Instant.now().plusSeconds(600), Instant.now());

        var row = db.fetchOne(TRANSCRIPT, TRANSCRIPT.ID.eq(transcriptId));
        assertThat(row.getTitle()).isEqualTo("Weekly sync");
        assertThat(row.getPostprocessMissing()).isEmpty();
        assertThat(row.getPostprocessNextAt()).isNull();
        assertThat(log(transcriptId)).extracting(line -> line.substring(0, line.indexOf(' '))).containsExactly(
                "TRANSCRIPT", "TOPIC", "FINAL_TITLE", "FINAL_LONG_SUMMARY", "FINAL_SHORT_SUMMARY", "ACTION_ITEMS",
                "STATUS");
        assertThat(log(transcriptId)).contains(
                "FINAL_TITLE {\"title\":\"Weekly sync\"}",
                "FINAL_SHORT_SUMMARY {\"short_summary\":\"Short\"}",
                "FINAL_LONG_SUMMARY {\"long_summary\":\"Long summary\"}",
                "ACTION_ITEMS {\"action_items\":{\"decisions\":[\"ship it\"]}}",
                "STATUS {\"value\":\"ended\"}");
    }

    @Test
    void aMissingRecapIsMarkedForALaterTryAndLogsNoSummaries() {
        String transcriptId = aTranscript("processing");
        Topic untitled = new Topic("t1", "", "", 0, 1.0, "", List.of(new Word("hello", 0, 1, 0)));
        Instant retryAt = Instant.now().plusSeconds(600);

        transcripts.transcribed(transcriptId, new PostProcessed(List.of(untitled), null,
                Set.of(PostProcessPart.TOPICS, PostProcessPart.RECAP)), retryAt, Instant.now());

        var row = db.fetchOne(TRANSCRIPT, TRANSCRIPT.ID.eq(transcriptId));
        assertThat(row.getStatus()).isEqualTo("ended");
        assertThat(row.getTitle()).isNull();
        assertThat(row.getPostprocessMissing()).containsExactlyInAnyOrder("topics", "recap");
        assertThat(row.getPostprocessNextAt()).isNotNull();
        assertThat(log(transcriptId)).extracting(line -> line.substring(0, line.indexOf(' ')))
                .containsExactly("TRANSCRIPT", "TOPIC", "STATUS");
    }

    @Test
    void aFailedAttemptLogsTheErrorStatusOnceAndAnUnchangedStatusNothing() {
        String transcriptId = aTranscript("processing");
        String recordingId = db.fetchValue(TRANSCRIPT.RECORDING_ID, TRANSCRIPT.ID.eq(transcriptId));

        transcripts.claimFailed(recordingId, Instant.now());
        transcripts.claimFailed(recordingId, Instant.now());
        transcripts.failed(transcriptId, Instant.now());
        transcripts.uploaded(transcriptId, Instant.now());

        assertThat(log(transcriptId)).containsExactly("STATUS {\"value\":\"error\"}", "STATUS {\"value\":\"uploaded\"}");
    }

    String aTranscript(String status) {
        return Fixtures.aTranscript().fromARecording().ownedBy("owner-1").inStatus(status).shared("private")
                .insert(db);
    }

    List<String> log(String transcriptId) {
        return db.select(TRANSCRIPT_EVENT.EVENT, TRANSCRIPT_EVENT.DATA).from(TRANSCRIPT_EVENT)
                .where(TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(transcriptId)).orderBy(TRANSCRIPT_EVENT.ID)
                .fetch(row -> row.value1() + " " + json.writeValueAsString(json.readTree(row.value2().data())));
    }
}
