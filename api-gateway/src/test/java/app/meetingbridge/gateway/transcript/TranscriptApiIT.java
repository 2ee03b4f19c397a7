package app.meetingbridge.gateway.transcript;

import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.testsupport.Fixtures.aRoom;
import static app.meetingbridge.testsupport.Fixtures.aTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * The transcripts API over transcripts as the recording-worker leaves them (rows in PostgreSQL, audio in a real
 * S3 API): listing, the four text formats, participants, words, waveform and mp3 byte ranges, and who may read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TranscriptApiIT extends SignedInTestSupport {

    static final String BUCKET = "transcripts-api-" + UUID.randomUUID().toString().substring(0, 8);
    static final String TOPICS = """
            [{"id":"t1","title":"","summary":"","timestamp":0.0,"duration":2.5,"transcript":"Hello there Hi",
              "words":[{"text":"Hello","start":0.2,"end":0.5,"speaker":0},{"text":"there","start":0.6,"end":0.9,"speaker":0},
                       {"text":"Hi","start":1.6,"end":1.9,"speaker":1}]}]""";
    static final String PARTICIPANTS = """
            [{"id":"p-ada","speaker":0,"name":"Ada","user_id":"user-ada"},{"id":"p-2","speaker":1,"name":"Speaker 1","user_id":null}]""";

    @Autowired
    DSLContext db;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        transcriptStorage(registry, BUCKET);
    }

    String room(String owner) {
        return aRoom().ownedBy(owner).namedLike("tr").onPlatform("daily").insert(db);
    }

    String transcript(String owner, String roomId, String meetingId, String shareMode) {
        return aTranscript().fromARecording().ownedBy(owner).inRoom(roomId).shared(shareMode).lasting(2500L)
                .withTopics(TOPICS).withParticipants(PARTICIPANTS).insert(db);
    }

    byte[] storeAudio(String transcriptId) {
        byte[] mp3 = new byte[100_000];
        new Random(7).nextBytes(mp3);
        try (S3Client s3 = TestS3.shared().client()) {
            s3.putObject(request -> request.bucket(BUCKET).key(transcriptId + "/audio.mp3"), RequestBody.fromBytes(mp3));
            s3.putObject(request -> request.bucket(BUCKET).key(transcriptId + "/audio.json"),
                    RequestBody.fromString("{\"data\":[0.0,0.5,1.0]}"));
        }
        return mp3;
    }

    HttpResponse<byte[]> audio(String path, String range) throws Exception {
        return audio(path, range, tokens.tokenFor("alice"));
    }

    /** The audio as the holder of {@code token} asks for it; no token is an anonymous caller. */
    HttpResponse<byte[]> audio(String path, String range, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (range != null) {
            request.header("Range", range);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void listsTheCallersTranscriptsNewestFirstByRoomAndPage() {
        String room = room("alice");
        String first = transcript("alice", room, null, "private");
        String second = transcript("alice", room, null, "private");
        transcript("bob", room("bob"), null, "public");

        JsonNode page = alice.get("/v1/transcripts?room_id=" + room + "&size=1").json();

        assertThat(page.get("total").intValue()).isEqualTo(2);
        assertThat(page.get("pages").intValue()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(1);
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("id").stringValue()).isEqualTo(second);
        assertThat(item.get("status").stringValue()).isEqualTo("ended");
        assertThat(item.get("duration").doubleValue()).isEqualTo(2500.0);
        assertThat(item.get("room_name").stringValue()).startsWith("tr-");
        assertThat(item.has("source_kind")).isTrue();
        assertThat(alice.get("/v1/transcripts?room_id=" + room + "&page=2&size=1").json().get("items").get(0)
                .get("id").stringValue()).isEqualTo(first);
        assertThat(anonymous.get("/v1/transcripts").status()).isEqualTo(401);
        assertThat(alice.get("/v1/transcripts?size=0").status()).isEqualTo(422);
    }

    /** The controller answers maps; their fields are described by hand in TranscriptSchemas, so they must agree. */
    @Test
    void answersWithTheFieldsItsOpenApiDocumentDescribes() {
        String transcript = transcript("alice", room("alice"), null, "private");
        JsonNode schemas = anonymous.get("/openapi.json").json().get("components").get("schemas");

        JsonNode page = alice.get("/v1/transcripts?size=1").json();
        JsonNode participants = alice.get("/v1/transcripts/" + transcript + "/participants").json();
        JsonNode topic = alice.get("/v1/transcripts/" + transcript + "/topics/with-words").json().get(0);

        assertThat(page.propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("Page_GetTranscriptMinimal_").get("properties").propertyNames());
        assertThat(page.get("items").get(0).propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("GetTranscriptMinimal").get("properties").propertyNames());
        assertThat(participants.get(0).propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("Participant").get("properties").propertyNames());
        assertThat(topic.propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("GetTranscriptTopicWithWords").get("properties").propertyNames());
        assertThat(topic.get("segments").get(0).propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("GetTranscriptSegmentTopic").get("properties").propertyNames());
        assertThat(topic.get("words").get(0).propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("Word").get("properties").propertyNames());
    }

    @Test
    void answersAPageFarPastTheEndWithNoItemsInsteadOfOverflowing() {
        String room = room("alice");
        transcript("alice", room, null, "private");
        transcript("alice", room, null, "private");
        transcript("alice", room, null, "private");

        Response response = alice.get("/v1/transcripts?room_id=" + room + "&page=2147483647&size=2");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("total").intValue()).isEqualTo(3);
        assertThat(page.get("pages").intValue()).isEqualTo(2);
        assertThat(page.get("page").intValue()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void refusesAPageSizeAboveTheMaximumWith422() {
        Response response = alice.get("/v1/transcripts?size=101");

        assertThat(response.status()).isEqualTo(422);
        JsonNode problem = response.json().get("detail").get(0);
        assertThat(problem.get("loc").toString()).isEqualTo("[\"query\",\"size\"]");
        assertThat(problem.get("msg").stringValue()).isEqualTo("Input should be between 1 and 100");
    }

    @Test
    void givesOneTranscriptWithItsTextInEachFormat() {
        String id = transcript("alice", room("alice"), null, "private");

        JsonNode text = alice.get("/v1/transcripts/" + id).json();
        JsonNode json = alice.get("/v1/transcripts/" + id + "?transcript_format=json").json();
        String vtt = alice.get("/v1/transcripts/" + id + "?transcript_format=webvtt-named").json().get("transcript")
                .stringValue();
        String stamped = alice.get("/v1/transcripts/" + id + "?transcript_format=text-timestamped").json()
                .get("transcript").stringValue();

        assertThat(text.get("transcript_format").stringValue()).isEqualTo("text");
        assertThat(text.get("transcript").stringValue()).isEqualTo("Ada: Hello there\nSpeaker 1: Hi");
        assertThat(text.get("participants").get(0).get("name").stringValue()).isEqualTo("Ada");
        assertThat(json.get("transcript").get(1).get("speaker_name").stringValue()).isEqualTo("Speaker 1");
        assertThat(json.get("transcript").get(1).get("start").doubleValue()).isEqualTo(1.6);
        assertThat(vtt).startsWith("WEBVTT\n").contains("00:00:00.200 --> 00:00:00.900\n<v Ada>Hello there");
        assertThat(stamped).isEqualTo("[00:00] Ada: Hello there\n[00:01] Speaker 1: Hi");
        assertThat(alice.get("/v1/transcripts/" + id + "?transcript_format=srt").status()).isEqualTo(422);
        assertThat(alice.get("/v1/transcripts/no-such-transcript").status()).isEqualTo(404);
    }

    @Test
    void givesTheActionItemsAsTheLanguageModelMadeThemAndNullBefore() {
        String id = transcript("alice", room("alice"), null, "private");
        assertThat(alice.get("/v1/transcripts/" + id).json().get("action_items").isNull()).isTrue();
        String items = "{\"decisions\":[{\"decision\":\"Ship on Friday\"}],\"next_steps\":[{\"task\":\"Tag the release\","
                + "\"assigned_to\":\"Ada\"}]}";
        db.update(TRANSCRIPT).set(TRANSCRIPT.ACTION_ITEMS, JSONB.valueOf(items)).where(TRANSCRIPT.ID.eq(id)).execute();

        JsonNode answer = alice.get("/v1/transcripts/" + id).json();

        assertThat(answer.get("action_items").get("decisions").get(0).get("decision").stringValue())
                .isEqualTo("Ship on Friday");
        assertThat(answer.get("action_items").get("next_steps").get(0).get("assigned_to").stringValue()).isEqualTo("Ada");
    }

    @Test
    void givesParticipantsAndTopicsWithWords() {
        String id = transcript("alice", room("alice"), null, "private");

        JsonNode participants = alice.get("/v1/transcripts/" + id + "/participants").json();
        JsonNode topics = alice.get("/v1/transcripts/" + id + "/topics/with-words").json();

        assertThat(participants).hasSize(2);
        assertThat(participants.get(0).get("user_id").stringValue()).isEqualTo("user-ada");
        assertThat(participants.get(1).get("speaker").intValue()).isEqualTo(1);
        assertThat(topics).hasSize(1);
        assertThat(topics.get(0).get("transcript").stringValue()).isEqualTo("Hello there Hi");
        assertThat(topics.get(0).get("duration").doubleValue()).isEqualTo(2.5);
        assertThat(topics.get(0).get("segments")).hasSize(2);
        assertThat(topics.get(0).get("words").get(2).get("speaker").intValue()).isEqualTo(1);
        assertThat(topics.get(0).get("words").get(2).get("end").doubleValue()).isEqualTo(1.9);
    }

    @Test
    void readingFollowsTheShareMode() {
        String privateOne = transcript("alice", room("alice"), null, "private");
        String semiPrivate = transcript("alice", room("alice"), null, "semi-private");
        String publicOne = transcript("alice", room("alice"), null, "public");

        assertThat(bob.get("/v1/transcripts/" + privateOne).status()).isEqualTo(403);
        assertThat(bob.get("/v1/transcripts/" + privateOne).json().get("detail").stringValue())
                .isEqualTo("Transcript access denied");
        assertThat(anonymous.get("/v1/transcripts/" + semiPrivate).status()).isEqualTo(403);
        assertThat(bob.get("/v1/transcripts/" + semiPrivate).status()).isEqualTo(200);
        assertThat(anonymous.get("/v1/transcripts/" + publicOne).status()).isEqualTo(200);
        assertThat(anonymous.get("/v1/transcripts/" + publicOne + "/topics/with-words").status()).isEqualTo(200);
        assertThat(bob.get("/v1/transcripts/" + privateOne + "/audio/waveform").status()).isEqualTo(403);
    }

    @Test
    void participantsAndMp3OfAPrivateTranscriptAreTheOwnersAlone() throws Exception {
        String id = transcript("alice", room("alice"), null, "private");
        storeAudio(id);
        String mp3 = "/v1/transcripts/" + id + "/audio/mp3";

        Response bobsParticipants = bob.get("/v1/transcripts/" + id + "/participants");
        Response anonymousParticipants = anonymous.get("/v1/transcripts/" + id + "/participants");
        HttpResponse<byte[]> bobsMp3 = audio(mp3, null, tokens.tokenFor("bob"));
        HttpResponse<byte[]> anonymousMp3 = audio(mp3, null, null);

        assertThat(bobsParticipants.status()).isEqualTo(403);
        assertThat(bobsParticipants.json().get("detail").stringValue()).isEqualTo("Transcript access denied");
        assertThat(anonymousParticipants.status()).isEqualTo(403);
        assertThat(anonymousParticipants.json().get("detail").stringValue()).isEqualTo("Transcript access denied");
        assertThat(bobsMp3.statusCode()).isEqualTo(403);
        assertThat(new String(bobsMp3.body(), StandardCharsets.UTF_8)).contains("Transcript access denied");
        assertThat(anonymousMp3.statusCode()).isEqualTo(403);
        assertThat(new String(anonymousMp3.body(), StandardCharsets.UTF_8)).contains("Transcript access denied");
        assertThat(audio(mp3, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTranscriptWithoutAnOwnerFollowsItsShareModeAloneSoAnUnlinkedRecordingsIsReadByNobody() {
        String unlinked = transcript(null, null, null, "private");
        String anonymousUpload = transcript(null, null, null, "public");

        assertThat(anonymous.get("/v1/transcripts/" + unlinked).status()).isEqualTo(403);
        assertThat(bob.get("/v1/transcripts/" + unlinked).status()).isEqualTo(403);
        assertThat(bob.get("/v1/transcripts/" + unlinked + "/topics/with-words").status()).isEqualTo(403);
        assertThat(bob.post("/v1/transcripts/" + unlinked + "/process", "").status()).isEqualTo(403);
        assertThat(anonymous.get("/v1/transcripts/" + anonymousUpload).status()).isEqualTo(200);
    }

    @Test
    void servesTheWaveformAndTheMp3WholeOrByRange() throws Exception {
        String id = transcript("alice", room("alice"), null, "private");
        byte[] mp3 = storeAudio(id);

        JsonNode waveform = alice.get("/v1/transcripts/" + id + "/audio/waveform").json();
        HttpResponse<byte[]> whole = audio("/v1/transcripts/" + id + "/audio/mp3", null);
        HttpResponse<byte[]> part = audio("/v1/transcripts/" + id + "/audio/mp3", "bytes=1000-1999");
        HttpResponse<byte[]> tail = audio("/v1/transcripts/" + id + "/audio/mp3", "bytes=-10");
        HttpResponse<byte[]> past = audio("/v1/transcripts/" + id + "/audio/mp3", "bytes=200000-");

        assertThat(waveform.get("data")).hasSize(3);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(whole.body()).isEqualTo(mp3);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(mp3, 1000, 2000));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(mp3, mp3.length - 10, mp3.length));
        assertThat(past.statusCode()).isEqualTo(416);
    }

    @Test
    void answers416WithTheLengthForARangeThatEndsBeforeItStartsOrLiesPastTheEnd() throws Exception {
        String id = transcript("alice", room("alice"), null, "private");
        storeAudio(id);
        String mp3 = "/v1/transcripts/" + id + "/audio/mp3";

        HttpResponse<byte[]> backwards = audio(mp3, "bytes=5-2");
        HttpResponse<byte[]> past = audio(mp3, "bytes=200000-");
        HttpResponse<byte[]> emptySuffix = audio(mp3, "bytes=-0");
        HttpResponse<byte[]> hugeStart = audio(mp3, "bytes=99999999999999999999999-");

        for (HttpResponse<byte[]> refused : java.util.List.of(backwards, past, emptySuffix, hugeStart)) {
            assertThat(refused.statusCode()).as(refused.request().headers().firstValue("Range").orElse("")).isEqualTo(416);
            assertThat(refused.headers().firstValue("Content-Range")).hasValue("bytes */100000");
        }
    }

    @Test
    void servesTheWholeMp3ForARangeThatIsNotOneByteRangeAndTheTailForAnEndPastIt() throws Exception {
        String id = transcript("alice", room("alice"), null, "private");
        byte[] stored = storeAudio(id);
        String mp3 = "/v1/transcripts/" + id + "/audio/mp3";

        HttpResponse<byte[]> notNumbers = audio(mp3, "bytes=abc");
        HttpResponse<byte[]> multiRange = audio(mp3, "bytes=0-1,5-6");
        HttpResponse<byte[]> otherUnit = audio(mp3, "items=0-1");
        HttpResponse<byte[]> endPastTheFile = audio(mp3, "bytes=99990-200000");
        HttpResponse<byte[]> endPastAnyLength = audio(mp3, "bytes=99990-99999999999999999999999");
        HttpResponse<byte[]> suffixPastAnyLength = audio(mp3, "bytes=-99999999999999999999999");

        for (HttpResponse<byte[]> whole : java.util.List.of(notNumbers, multiRange, otherUnit, suffixPastAnyLength)) {
            assertThat(whole.statusCode()).as(whole.request().headers().firstValue("Range").orElse("")).isEqualTo(200);
            assertThat(whole.headers().firstValue("Content-Range")).isEmpty();
            assertThat(whole.body()).isEqualTo(stored);
        }
        for (HttpResponse<byte[]> tail : java.util.List.of(endPastTheFile, endPastAnyLength)) {
            assertThat(tail.statusCode()).as(tail.request().headers().firstValue("Range").orElse("")).isEqualTo(206);
            assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(stored, 99_990, 100_000));
        }
    }

    @Test
    void audioThatIsGoneOrNeverWasIsNotFound() throws Exception {
        String deleted = transcript("alice", room("alice"), null, "private");
        storeAudio(deleted);
        db.update(TRANSCRIPT).set(TRANSCRIPT.AUDIO_DELETED, true).where(TRANSCRIPT.ID.eq(deleted)).execute();
        String never = transcript("alice", room("alice"), null, "private");

        assertThat(audio("/v1/transcripts/" + deleted + "/audio/mp3", null).statusCode()).isEqualTo(404);
        assertThat(alice.get("/v1/transcripts/" + deleted + "/audio/waveform").status()).isEqualTo(404);
        assertThat(audio("/v1/transcripts/" + never + "/audio/mp3", null).statusCode()).isEqualTo(404);
        assertThat(alice.get("/v1/transcripts/" + never + "/audio/waveform").json().get("detail").stringValue())
                .isEqualTo("Audio not found");
    }

    @Test
    void reprocessingStartsOneRunHoweverManyAskAtOnce() throws Exception {
        String id = transcript("alice", room("alice"), null, "private");
        String recording = db.select(TRANSCRIPT.RECORDING_ID).from(TRANSCRIPT).where(TRANSCRIPT.ID.eq(id))
                .fetchSingle(TRANSCRIPT.RECORDING_ID);

        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            answers.add(callers.submit(() -> {
                start.await();
                return alice.post("/v1/transcripts/" + id + "/process", "").json().get("status").stringValue();
            }));
        }
        start.countDown();
        java.util.List<String> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        callers.shutdown();

        assertThat(statuses).containsOnlyOnce("ok").filteredOn("already running"::equals).hasSize(3);
        assertThat(db.fetchSingle(TRANSCRIPT, TRANSCRIPT.ID.eq(id)).getStatus()).isEqualTo("processing");
        var messages = db.selectFrom(OUTBOX).where(OUTBOX.ROUTING_KEY.eq("recording.reprocess"))
                .and(OUTBOX.PAYLOAD.cast(String.class).contains(id)).fetch();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).getPayload().data()).contains(recording);
    }

    @Test
    void aClaimOlderThanTheClaimTimeoutIsTakenAgain() {
        String lost = transcript("alice", room("alice"), null, "private");
        String claimedBeforeClaimTimes = transcript("alice", room("alice"), null, "private");
        Instant threeHoursAgo = Instant.now().minus(java.time.Duration.ofHours(3));
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "processing").set(TRANSCRIPT.PROCESSING_CLAIMED_AT, threeHoursAgo)
                .set(TRANSCRIPT.UPDATED_AT, Instant.now()).where(TRANSCRIPT.ID.eq(lost)).execute();
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "processing").set(TRANSCRIPT.UPDATED_AT, threeHoursAgo)
                .where(TRANSCRIPT.ID.eq(claimedBeforeClaimTimes)).execute();

        for (String id : java.util.List.of(lost, claimedBeforeClaimTimes)) {
            Instant asked = Instant.now().minusSeconds(1);
            assertThat(alice.post("/v1/transcripts/" + id + "/process", "").json().get("status").stringValue())
                    .isEqualTo("ok");
            assertThat(db.fetchSingle(TRANSCRIPT, TRANSCRIPT.ID.eq(id)).getProcessingClaimedAt()).isAfter(asked);
            assertThat(reprocessRequests(id)).hasSize(1);
            assertThat(alice.post("/v1/transcripts/" + id + "/process", "").json().get("status").stringValue())
                    .isEqualTo("already running");
            assertThat(reprocessRequests(id)).hasSize(1);
        }
    }

    @Test
    void aClaimYoungerThanTheClaimTimeoutStillAnswersAlreadyRunning() {
        String id = transcript("alice", room("alice"), null, "private");
        Instant claimed = Instant.now().minus(java.time.Duration.ofMinutes(100)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "processing").set(TRANSCRIPT.PROCESSING_CLAIMED_AT, claimed)
                .set(TRANSCRIPT.UPDATED_AT, claimed).where(TRANSCRIPT.ID.eq(id)).execute();

        assertThat(alice.post("/v1/transcripts/" + id + "/process", "").json().get("status").stringValue())
                .isEqualTo("already running");
        assertThat(db.fetchSingle(TRANSCRIPT, TRANSCRIPT.ID.eq(id)).getProcessingClaimedAt()).isEqualTo(claimed);
        assertThat(reprocessRequests(id)).isEmpty();
    }

    java.util.List<?> reprocessRequests(String transcriptId) {
        return db.selectFrom(OUTBOX).where(OUTBOX.ROUTING_KEY.eq("recording.reprocess"))
                .and(OUTBOX.PAYLOAD.cast(String.class).contains(transcriptId)).fetch();
    }

    @Test
    void onlyTheOwnerReprocessesAndNotALockedTranscript() {
        String id = transcript("alice", room("alice"), null, "public");
        String locked = transcript("alice", room("alice"), null, "private");
        db.update(TRANSCRIPT).set(TRANSCRIPT.LOCKED, true).where(TRANSCRIPT.ID.eq(locked)).execute();

        assertThat(anonymous.post("/v1/transcripts/" + id + "/process", "").status()).isEqualTo(403);
        assertThat(bob.post("/v1/transcripts/" + id + "/process", "").status()).isEqualTo(403);
        Response refused = alice.post("/v1/transcripts/" + locked + "/process", "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("Transcript is locked");
        assertThat(alice.post("/v1/transcripts/no-such/process", "").status()).isEqualTo(404);
    }
}
