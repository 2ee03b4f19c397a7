package app.meetingbridge.gateway.upload;

import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.db.Tables.UPLOAD_CHUNK;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.gateway.SignedInTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.testsupport.TestTokens;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Creating a transcript and uploading a file to it in chunks, as the frontend does (multipart field {@code chunk},
 * named {@code blob}, {@code application/octet-stream}), against real PostgreSQL and a real S3 API. Limits are small
 * here: chunks of at most 64 KiB, files of at most 160 KiB, at most 10 chunks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.uploads.max-chunk-size=64KB", "app.uploads.max-size=160KB", "app.uploads.max-chunks=10"})
class UploadApiIT extends SignedInTestSupport {

    static final String BUCKET = "uploads-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    DSLContext db;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        transcriptStorage(registry, BUCKET);
    }

    String create(HttpJson caller) {
        Response created = caller.post("/v1/transcripts",
                "{\"name\": \"Weekly\", \"source_language\": \"en\", \"target_language\": \"en\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().get("id").stringValue();
    }

    /** An mp3 as far as its first bytes go (an ID3 tag), then noise: the gateway only sniffs. */
    static byte[] mediaFile(int size) {
        byte[] file = new byte[size];
        new Random(size).nextBytes(file);
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 3);
        file[3] = 4;
        return file;
    }

    static byte[] part(byte[] file, int number, int count) {
        int size = (file.length + count - 1) / count;
        return Arrays.copyOfRange(file, Math.min(file.length, number * size), Math.min(file.length, (number + 1) * size));
    }

    HttpResponse<String> upload(String token, String transcriptId, String query, String field, byte[] content)
            throws Exception {
        String boundary = "----upload" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"blob\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/transcripts/"
                        + transcriptId + "/record/upload?" + query))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> chunk(String transcriptId, byte[] file, int number, int count) throws Exception {
        return upload(tokens.tokenFor("alice"), transcriptId, "chunk_number=" + number + "&total_chunks=" + count,
                "chunk", part(file, number, count));
    }

    TranscriptRecord row(String transcriptId) {
        return db.selectFrom(TRANSCRIPT).where(TRANSCRIPT.ID.eq(transcriptId)).fetchSingle();
    }

    List<String> completions(String transcriptId) {
        return db.select(OUTBOX.PAYLOAD).from(OUTBOX).where(OUTBOX.ROUTING_KEY.eq(Topology.UPLOAD_COMPLETED))
                .fetch(OUTBOX.PAYLOAD).stream().map(Object::toString)
                .filter(payload -> payload.contains(transcriptId)).toList();
    }

    List<String> storedKeys(String transcriptId) {
        try (S3Client s3 = TestS3.shared().client()) {
            return s3.listObjectsV2(request -> request.bucket(BUCKET).prefix("uploads/" + transcriptId + "/"))
                    .contents().stream().map(object -> object.key()).sorted().toList();
        }
    }

    byte[] stored(String key) {
        try (S3Client s3 = TestS3.shared().client()) {
            return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray();
        }
    }

    @Test
    void createsAnIdlePrivateTranscriptOwnedByTheCallerAndTellsTheirList() {
        Response created = alice.post("/v1/transcripts",
                "{\"name\": \"\", \"source_language\": \"en\", \"target_language\": \"pt-BR\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode body = created.json();
        assertThat(body.get("status").stringValue()).isEqualTo("idle");
        assertThat(body.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(body.get("share_mode").stringValue()).isEqualTo("private");
        assertThat(body.get("source_kind").stringValue()).isEqualTo("live");
        assertThat(body.get("target_language").stringValue()).isEqualTo("pt-BR");
        assertThat(body.get("participants").isArray()).isTrue();
        String id = body.get("id").stringValue();
        assertThat(alice.get("/v1/transcripts/" + id).status()).isEqualTo(200);
        assertThat(bob.get("/v1/transcripts/" + id).status()).isEqualTo(403);
        assertThat(db.select(OUTBOX.PAYLOAD).from(OUTBOX).where(OUTBOX.ROUTING_KEY.eq(Topology.TRANSCRIPT_EVENT))
                .fetch(OUTBOX.PAYLOAD).stream().map(Object::toString)
                .filter(payload -> payload.contains("TRANSCRIPT_CREATED") && payload.contains(id))).hasSize(1);
    }

    @Test
    void createsAFileTranscriptWhenAskedFor() {
        Response created = alice.post("/v1/transcripts",
                "{\"name\": \"Interview\", \"source_language\": \"fr\", \"target_language\": \"en\", \"source_kind\": \"file\"}");

        assertThat(created.json().get("source_kind").stringValue()).isEqualTo("file");
        assertThat(created.json().get("name").stringValue()).isEqualTo("Interview");
    }

    @Test
    void refusesToCreateForAnAnonymousCaller() {
        Response refused = anonymous.post("/v1/transcripts",
                "{\"name\": \"x\", \"source_language\": \"en\", \"target_language\": \"en\"}");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("Not authenticated");
    }

    @Test
    void refusesToCreateWithMissingOrInsaneFieldsIn422Shape() {
        Response missing = alice.post("/v1/transcripts", "{\"source_language\": \" \"}");
        Response insane = alice.post("/v1/transcripts",
                "{\"name\": \"x\", \"source_language\": \"english-please\", \"target_language\": \"en\", \"source_kind\": \"tape\"}");
        Response noBody = alice.post("/v1/transcripts", "");

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail")).extracting(problem -> problem.get("loc").get(1).stringValue())
                .containsExactly("name", "source_language", "target_language");
        assertThat(missing.json().get("detail").get(0).get("type").stringValue()).isEqualTo("missing");
        assertThat(insane.status()).isEqualTo(422);
        assertThat(insane.json().get("detail")).extracting(problem -> problem.get("loc").get(1).stringValue())
                .containsExactly("source_language", "source_kind");
        assertThat(noBody.status()).isEqualTo(422);
    }

    @Test
    void takesChunksInAnyOrderAndAnyNumberOfTimesAndCompletesOnceWhenAllAreThere() throws Exception {
        String id = create(alice);
        byte[] file = mediaFile(150_000);

        for (int number : new int[] {3, 0, 4, 1, 1}) {
            HttpResponse<String> answer = chunk(id, file, number, 5);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"ok\"}");
        }
        // the last-numbered chunk came long ago: only now is every number there
        assertThat(row(id).getStatus()).isEqualTo("idle");
        assertThat(completions(id)).isEmpty();
        assertThat(chunk(id, file, 2, 5).statusCode()).isEqualTo(200);

        TranscriptRecord row = row(id);
        assertThat(row.getStatus()).isEqualTo("uploaded");
        assertThat(row.getSourceKind()).isEqualTo("file");
        List<String> keys = storedKeys(id);
        assertThat(keys).containsExactly("uploads/" + id + "/chunk-0", "uploads/" + id + "/chunk-1",
                "uploads/" + id + "/chunk-2", "uploads/" + id + "/chunk-3", "uploads/" + id + "/chunk-4");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (String key : keys) {
            joined.write(stored(key));
        }
        assertThat(joined.toByteArray()).isEqualTo(file);
        List<String> completions = completions(id);
        assertThat(completions).hasSize(1);
        JsonNode completed = HttpJson.parse(completions.get(0));
        assertThat(completed.get("transcriptId").stringValue()).isEqualTo(id);
        assertThat(completed.get("bucket").stringValue()).isEqualTo(BUCKET);
        assertThat(completed.get("totalBytes").longValue()).isEqualTo(150_000);
        assertThat(completed.get("chunkKeys")).extracting(JsonNode::stringValue).containsExactlyElementsOf(keys);
        assertThat(db.fetchCount(UPLOAD_CHUNK, UPLOAD_CHUNK.TRANSCRIPT_ID.eq(id))).isEqualTo(5);

        // the last chunk again (its answer was lost, say): taken, nothing starts twice
        HttpResponse<String> replay = chunk(id, file, 2, 5);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(completions(id)).hasSize(1);
        assertThat(row(id).getStatus()).isEqualTo("uploaded");
    }

    @Test
    void refusesAFileThatIsNotMediaWithTheReasonAndDiscardsTheUpload() throws Exception {
        String id = create(alice);
        byte[] text = "Minutes of the meeting\nWe agreed on everything.\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
        assertThat(chunk(id, text, 1, 2).statusCode()).isEqualTo(200); // a later chunk first: not sniffed

        HttpResponse<String> refused = chunk(id, text, 0, 2);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(HttpJson.parse(refused.body()).get("detail").stringValue())
                .isEqualTo("The file is not audio or video: it looks like text");
        TranscriptRecord row = row(id);
        assertThat(row.getStatus()).isEqualTo("error");
        assertThat(row.getErrorReason()).isEqualTo("The file is not audio or video: it looks like text");
        assertThat(alice.get("/v1/transcripts/" + id).json().get("error_reason").stringValue())
                .isEqualTo("The file is not audio or video: it looks like text");
        assertThat(storedKeys(id)).isEmpty();
        assertThat(db.fetchCount(UPLOAD_CHUNK, UPLOAD_CHUNK.TRANSCRIPT_ID.eq(id))).isZero();

        // a new upload starts over
        byte[] media = mediaFile(1000);
        assertThat(chunk(id, media, 0, 2).statusCode()).isEqualTo(200);
        assertThat(row(id).getStatus()).isEqualTo("idle");
        assertThat(row(id).getErrorReason()).isNull();
        assertThat(storedKeys(id)).containsExactly("uploads/" + id + "/chunk-0");
    }

    @Test
    void refusesAnonymousCallersAndOtherUsersAndUnknownTranscripts() throws Exception {
        String id = create(alice);
        byte[] file = mediaFile(1000);
        String query = "chunk_number=0&total_chunks=1";

        HttpResponse<String> anonymousCaller = upload(null, id, query, "chunk", file);
        HttpResponse<String> otherUser = upload(tokens.tokenFor("bob"), id, query, "chunk", file);
        HttpResponse<String> unknown = upload(tokens.tokenFor("alice"), UUID.randomUUID().toString(), query, "chunk", file);
        HttpResponse<String> forged = upload(TestTokens.tokenSignedByAStranger("alice"), id, query, "chunk", file);

        assertThat(anonymousCaller.statusCode()).isEqualTo(401);
        assertThat(otherUser.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(storedKeys(id)).isEmpty();
        assertThat(row(id).getStatus()).isEqualTo("idle");
    }

    @Test
    void refusesMalformedChunks() throws Exception {
        String id = create(alice);
        byte[] file = mediaFile(1000);
        String alicesToken = tokens.tokenFor("alice");

        assertThat(upload(alicesToken, id, "chunk_number=0&total_chunks=1", "file", file).statusCode()).isEqualTo(400);
        assertThat(upload(alicesToken, id, "chunk_number=zero&total_chunks=1", "chunk", file).statusCode()).isEqualTo(422);
        assertThat(upload(alicesToken, id, "total_chunks=1", "chunk", file).statusCode()).isEqualTo(400);
        assertThat(upload(alicesToken, id, "chunk_number=-1&total_chunks=2", "chunk", file).statusCode()).isEqualTo(400);
        assertThat(upload(alicesToken, id, "chunk_number=2&total_chunks=2", "chunk", file).statusCode()).isEqualTo(400);
        assertThat(upload(alicesToken, id, "chunk_number=0&total_chunks=11", "chunk", file).statusCode()).isEqualTo(400);
        assertThat(upload(alicesToken, id, "chunk_number=0&total_chunks=0", "chunk", file).statusCode()).isEqualTo(400);
        assertThat(storedKeys(id)).isEmpty();

        assertThat(upload(alicesToken, id, "chunk_number=0&total_chunks=3", "chunk", file).statusCode()).isEqualTo(200);
        HttpResponse<String> mismatch = upload(alicesToken, id, "chunk_number=1&total_chunks=4", "chunk", file);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("total_chunks 4 differs from the upload's 3");
        assertThat(storedKeys(id)).containsExactly("uploads/" + id + "/chunk-0");
    }

    @Test
    void refusesAChunkOverItsLimitWith413() throws Exception {
        String id = create(alice);

        HttpResponse<String> refused = chunk(id, mediaFile(70_000), 0, 1);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("The chunk is larger than the limit of 65536 bytes");
        assertThat(storedKeys(id)).isEmpty();
    }

    @Test
    void answers413ToAChunkFarOverItsLimitRatherThanDroppingTheConnection() throws Exception {
        String id = create(alice);

        HttpResponse<String> refused = chunk(id, mediaFile(3_000_000), 0, 1);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("The chunk is larger than the limit of 65536 bytes");
        assertThat(storedKeys(id)).isEmpty();
    }

    @Test
    void refusesAFileOverItsLimitWith413AndDiscardsTheUpload() throws Exception {
        String id = create(alice);
        byte[] file = mediaFile(180_000); // three chunks of 60 000 bytes, over 160 KiB together
        assertThat(chunk(id, file, 0, 3).statusCode()).isEqualTo(200);
        assertThat(chunk(id, file, 1, 3).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = chunk(id, file, 2, 3);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("The file is larger than the limit of 163840 bytes");
        assertThat(row(id).getStatus()).isEqualTo("error");
        assertThat(row(id).getErrorReason()).isEqualTo("The file is larger than the limit of 163840 bytes");
        assertThat(storedKeys(id)).isEmpty();
        assertThat(completions(id)).isEmpty();
    }

    @Test
    void refusesALockedTranscript() throws Exception {
        String id = create(alice);
        db.update(TRANSCRIPT).set(TRANSCRIPT.LOCKED, true).where(TRANSCRIPT.ID.eq(id)).execute();

        HttpResponse<String> refused = chunk(id, mediaFile(1000), 0, 1);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Transcript is locked");
        assertThat(storedKeys(id)).isEmpty();
    }

    @Test
    void refusesAnUploadToATranscriptWhoseProcessingFailed() throws Exception {
        String id = create(alice);
        String recording = UUID.randomUUID().toString();
        db.insertInto(RECORDING).set(RECORDING.ID, recording)
                .set(RECORDING.PLATFORM, "upload")
                .set(RECORDING.PROVIDER_RECORDING_ID, id)
                .set(RECORDING.RECORDING_TYPE, "cloud")
                .set(RECORDING.BUCKET_NAME, BUCKET)
                .set(RECORDING.OBJECT_KEY, "uploads/" + id + "/file")
                .set(RECORDING.RECORDED_AT, Instant.now()).execute();
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "error").set(TRANSCRIPT.RECORDING_ID, recording)
                .where(TRANSCRIPT.ID.eq(id)).execute();

        HttpResponse<String> refused = chunk(id, mediaFile(1000), 0, 1);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Transcript does not take an upload in status error");
        assertThat(storedKeys(id)).isEmpty();
    }

    @Test
    void refusesAnUploadToATranscriptMadeFromARecording() throws Exception {
        String id = create(alice);
        db.update(TRANSCRIPT).set(TRANSCRIPT.STATUS, "ended").where(TRANSCRIPT.ID.eq(id)).execute();

        HttpResponse<String> refused = chunk(id, mediaFile(1000), 0, 1);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Transcript does not take an upload in status ended");
    }
}
