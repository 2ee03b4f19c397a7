package app.meetingbridge.gateway.transcript;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.testsupport.Fixtures.aRoom;
import static app.meetingbridge.testsupport.Fixtures.aTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.transcripts.Format;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.Rendering;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Set-up shared by the transcript edit tests (one application context for all of them): signed-in callers by JWT,
 * transcripts as the recording-worker leaves them (rows in PostgreSQL, audio in a real S3 API), and what a
 * transcript shows afterwards in every format.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TranscriptEditSupport extends SignedInTestSupport {

    static final String BUCKET = "transcript-edits-" + UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Two topics; speakers 0 (Ada), 1 (Bob) and 2 (nobody's); Eve has no speaker yet. */
    static final String TOPICS = """
            [{"id":"t1","title":"Greetings","summary":"They greet","timestamp":0.0,"duration":2.0,
              "transcript":"Hello there Hi Ada",
              "words":[{"text":"Hello","start":0.0,"end":0.4,"speaker":0},{"text":"there","start":0.5,"end":0.9,"speaker":0},
                       {"text":"Hi","start":1.0,"end":1.4,"speaker":1},{"text":"Ada","start":1.5,"end":1.9,"speaker":1}]},
             {"id":"t2","title":"Asking","summary":"","timestamp":2.0,"duration":1.0,"transcript":"How are you",
              "words":[{"text":"How","start":2.0,"end":2.3,"speaker":0},{"text":"are","start":2.4,"end":2.6,"speaker":0},
                       {"text":"you","start":2.7,"end":2.9,"speaker":2}]}]""";
    static final String PARTICIPANTS = """
            [{"id":"p-ada","speaker":0,"name":"Ada","user_id":"user-ada"},
             {"id":"p-bob","speaker":1,"name":"Bob","user_id":null},
             {"id":"p-eve","speaker":null,"name":"Eve","user_id":null}]""";

    @Autowired
    DSLContext db;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        transcriptStorage(registry, BUCKET);
    }

    String transcript(String owner, String shareMode) {
        String room = aRoom().ownedBy(owner).namedLike("te").onPlatform("daily").insert(db);
        return aTranscript().fromARecording().ownedBy(owner).inRoom(room).shared(shareMode).lasting(3000L)
                .withTopics(TOPICS).withParticipants(PARTICIPANTS).insert(db);
    }

    void lock(String transcriptId) {
        db.update(TRANSCRIPT).set(TRANSCRIPT.LOCKED, true).where(TRANSCRIPT.ID.eq(transcriptId)).execute();
    }

    String recordingOf(String transcriptId) {
        return db.select(TRANSCRIPT.RECORDING_ID).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcriptId)).fetchSingle()
                .value1();
    }

    void store(String key, String content) {
        try (S3Client s3 = TestS3.shared().client()) {
            s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(content));
        }
    }

    List<String> storedKeys(String prefix) {
        try (S3Client s3 = TestS3.shared().client()) {
            return s3.listObjectsV2(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
                    .map(object -> object.key()).toList();
        }
    }

    List<Topic> storedTopics(String transcriptId) {
        return TranscriptJson.topics(db.select(TRANSCRIPT.TOPICS).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcriptId))
                .fetchSingle().value1().data());
    }

    List<Participant> storedParticipants(String transcriptId) {
        return TranscriptJson.participants(db.select(TRANSCRIPT.PARTICIPANTS).from(TRANSCRIPT)
                .where(TRANSCRIPT.ID.eq(transcriptId)).fetchSingle().value1().data());
    }

    static List<Topic> initialTopics() {
        return TranscriptJson.topics(TOPICS);
    }

    static List<Participant> initialParticipants() {
        return TranscriptJson.participants(PARTICIPANTS);
    }

    /**
     * The transcript as the API shows it equals these topics and participants: stored, in each of the four
     * formats, in its topics (with their segments and words) and its participants.
     */
    void showsEverywhere(HttpJson caller, String transcriptId, List<Topic> topics, List<Participant> participants) {
        assertThat(storedTopics(transcriptId)).isEqualTo(topics);
        assertThat(storedParticipants(transcriptId)).isEqualTo(participants);
        Rendering expected = Rendering.of(topics, participants);
        for (Format format : Format.values()) {
            Response response = caller.get("/v1/transcripts/" + transcriptId + "?transcript_format=" + format.wireName());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode shown = response.json().get("transcript");
            assertThat(shown).as(format.wireName()).isEqualTo(JSON.valueToTree(
                    format == Format.JSON ? JSON.readTree(jsonSegments(expected)) : expected.in(format)));
        }
        JsonNode shownTopics = caller.get("/v1/transcripts/" + transcriptId + "/topics").json();
        JsonNode withWords = caller.get("/v1/transcripts/" + transcriptId + "/topics/with-words").json();
        assertThat(shownTopics).hasSize(topics.size());
        for (int i = 0; i < topics.size(); i++) {
            Topic topic = topics.get(i);
            assertThat(shownTopics.get(i).get("transcript").stringValue()).isEqualTo(topic.text());
            assertThat(shownTopics.get(i).get("segments")).isEqualTo(withWords.get(i).get("segments"));
            assertThat(shownTopics.get(i).get("segments")).hasSize(topic.segments().size());
            for (int s = 0; s < topic.segments().size(); s++) {
                assertThat(shownTopics.get(i).get("segments").get(s).get("speaker").intValue())
                        .isEqualTo(topic.segments().get(s).speaker());
            }
            for (int w = 0; w < topic.words().size(); w++) {
                assertThat(withWords.get(i).get("words").get(w).get("speaker").intValue())
                        .isEqualTo(topic.words().get(w).speaker());
            }
            JsonNode perSpeaker = caller.get("/v1/transcripts/" + transcriptId + "/topics/" + topic.id()
                    + "/words-per-speaker").json().get("words_per_speaker");
            assertThat(perSpeaker).hasSize(topic.wordsPerSpeaker().size());
        }
        JsonNode shownParticipants = caller.get("/v1/transcripts/" + transcriptId + "/participants").json();
        assertThat(shownParticipants).hasSize(participants.size());
        for (int i = 0; i < participants.size(); i++) {
            assertThat(shownParticipants.get(i).get("id").stringValue()).isEqualTo(participants.get(i).id());
            assertThat(shownParticipants.get(i).get("name").stringValue()).isEqualTo(participants.get(i).name());
        }
    }

    /** The {@code json} format as the API writes it (snake_case names). */
    private static String jsonSegments(Rendering rendering) {
        StringBuilder out = new StringBuilder("[");
        rendering.json().forEach(segment -> out.append(out.length() > 1 ? "," : "")
                .append(JSON.writeValueAsString(java.util.Map.of("speaker", segment.speaker(),
                        "speaker_name", segment.speakerName(), "text", segment.text(), "start", segment.start(),
                        "end", segment.end()))));
        return out.append("]").toString();
    }
}
