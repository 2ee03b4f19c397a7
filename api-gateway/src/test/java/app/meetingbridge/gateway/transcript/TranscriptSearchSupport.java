package app.meetingbridge.gateway.transcript;

import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.testsupport.Fixtures.aRoom;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search tests' set-up: the gateway with JWT callers, and transcripts written as the recording-worker leaves them
 * (title, summaries, topics with words), in rooms and for users of each test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TranscriptSearchSupport extends SignedInTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String STANDUP = "Good morning everyone, let's start with the quarterly budget review. "
            + "Marketing spent less than planned, so the remaining budget moves to the hiring plan. "
            + "Engineering asked whether the migration to the new database is on track for March.";
    static final String FRENCH = "Bonjour à tous. On se retrouve au café après la réunion pour parler du "
            + "déménagement. Le budget prévu pour l'équipe reste inchangé jusqu'à l'été.";
    static final String GERMAN = "Guten Morgen. Die Baustelle in der Hauptstraße verzögert die Lieferung. "
            + "Wir müssen die Straße bis Freitag räumen, sagt die Gemeinde.";
    static final String JAPANESE = "おはよう ございます 今日 の 会議 は 予算 に ついて です 次 の 会議 は 金曜日 です";

    @Autowired
    DSLContext db;

    String suffix;
    String alice;
    String bob;

    @BeforeEach
    void clients() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        alice = "alice-" + suffix;
        bob = "bob-" + suffix;
    }

    HttpJson as(String user) {
        return anonymous.as(tokens.tokenFor(user));
    }

    String room(String owner) {
        return aRoom().ownedBy(owner).namedLike("search").onPlatform("daily").insert(db);
    }

    /** What one transcript holds; {@code spoken} becomes its words, one topic per sentence group. */
    record Spec(String owner, String roomId, String shareMode, String sourceKind, String language, String title,
                String longSummary, Instant createdAt, String... spoken) {
    }

    Spec spec(String owner, String roomId, String title, String longSummary, String... spoken) {
        return new Spec(owner, roomId, "private", "room", "en", title, longSummary, Instant.now(), spoken);
    }

    String transcript(Spec spec) {
        String id = UUID.randomUUID().toString();
        db.insertInto(TRANSCRIPT).set(TRANSCRIPT.ID, id).set(TRANSCRIPT.USER_ID, spec.owner())
                .set(TRANSCRIPT.ROOM_ID, spec.roomId()).set(TRANSCRIPT.STATUS, "ended")
                .set(TRANSCRIPT.SHARE_MODE, spec.shareMode()).set(TRANSCRIPT.SOURCE_KIND, spec.sourceKind())
                .set(TRANSCRIPT.SOURCE_LANGUAGE, spec.language()).set(TRANSCRIPT.TITLE, spec.title())
                .set(TRANSCRIPT.LONG_SUMMARY, spec.longSummary()).set(TRANSCRIPT.DURATION_MS, 1_800_000L)
                .set(TRANSCRIPT.TOPICS, JSONB.valueOf(topics(spec.spoken())))
                .set(TRANSCRIPT.CREATED_AT, spec.createdAt()).execute();
        return id;
    }

    /** Topics as the pipeline stores them: each word with its timing and speaker, as Whisper gives it. */
    static String topics(String... spoken) {
        List<Map<String, Object>> topics = new ArrayList<>();
        double at = 0;
        for (int t = 0; t < spoken.length; t++) {
            List<Map<String, Object>> words = new ArrayList<>();
            for (String word : spoken[t].split(" ")) {
                words.add(Map.of("text", " " + word, "start", at, "end", at + 0.4, "speaker", words.size() / 12 % 2));
                at += 0.5;
            }
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("id", "topic-" + t);
            topic.put("title", "Topic " + t);
            topic.put("summary", "");
            topic.put("timestamp", 0.0);
            topic.put("duration", at);
            topic.put("transcript", spoken[t]);
            topic.put("words", words);
            topics.add(topic);
        }
        return JSON.writeValueAsString(topics);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode search(HttpJson caller, String query) {
        Response response = caller.get("/v1/transcripts/search?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("results").forEach(result -> ids.add(result.get("id").stringValue()));
        return ids;
    }
}
