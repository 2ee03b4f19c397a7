package app.meetingbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.ffmpeg.ShippedFfmpeg;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestS3;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * A file uploaded as the frontend does it, through the gateway, to an ended transcript made by recording-worker:
 * {@code POST /v1/transcripts}, then the file's chunks ({@code POST .../record/upload}, multipart field
 * {@code chunk} named {@code blob}) out of order and one twice; the worker joins them in the transcript storage
 * (s3proxy), ffmpeg reads the file, and a faked transcription backend hears it.
 */
class UploadFlowSystemIT {

    static final String TRANSCRIPTS = "transcripts";
    static final FakeHttpServer backend = new FakeHttpServer();
    static TestS3 s3;
    static Deployable gateway;
    static Deployable worker;
    static HttpJson api;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestS3.start(null);
        s3.createBucket(TRANSCRIPTS);
        backend.on("POST", "/v1/audio/transcriptions", Reply.json(200, "{\"text\":\"Uploaded words\",\"words\":["
                + "{\"word\":\" Uploaded\",\"start\":0.3,\"end\":0.8},{\"word\":\" words\",\"start\":0.9,\"end\":1.3}]}"));
        Map<String, String> storage = SystemStorage.transcripts(s3, TRANSCRIPTS);
        gateway = new Deployable("api-gateway", storage);
        Map<String, String> workerSettings = new HashMap<>(storage);
        workerSettings.put("TRANSCRIPT_BACKEND_URL", backend.baseUri().toString());
        worker = new Deployable("recording-worker", workerSettings);
        worker.start();
        gateway.start();
        api = gateway.http();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.kill();
        worker.kill();
        backend.close();
        s3.close();
    }

    static byte[] tone() throws Exception {
        Path file = Files.createTempFile("upload", ".m4a");
        try {
            Process ffmpeg = new ProcessBuilder(ShippedFfmpeg.command(), "-nostdin", "-loglevel", "error", "-y", "-f",
                    "lavfi", "-i", "sine=frequency=523:duration=5", "-c:a", "aac", "-b:a", "96k", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ffmpeg.waitFor()).as(output).isZero();
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static HttpResponse<String> chunk(String transcriptId, byte[] file, int number, int count) throws Exception {
        int size = (file.length + count - 1) / count;
        byte[] part = Arrays.copyOfRange(file, Math.min(file.length, number * size),
                Math.min(file.length, (number + 1) * size));
        String boundary = "----chunk" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"chunk\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(part);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/transcripts/" + transcriptId
                        + "/record/upload?chunk_number=" + number + "&total_chunks=" + count))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void transcribesAFileUploadedInChunksOutOfOrderWithOneSentTwice() throws Exception {
        byte[] file = tone();
        Response created = api.post("/v1/transcripts",
                "{\"name\": \"Tone\", \"source_language\": \"en\", \"target_language\": \"en\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().get("id").stringValue();

        for (int number : new int[] {2, 4, 0, 3, 0, 1}) {
            HttpResponse<String> answer = chunk(id, file, number, 5);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }

        Awaitility.await("the uploaded file's transcript ends").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/v1/transcripts/" + id).json().get("status").stringValue(),
                        status -> status.equals("ended") || status.equals("error"));
        JsonNode transcript = api.get("/v1/transcripts/" + id).json();
        assertThat(transcript.get("status").stringValue()).isEqualTo("ended");
        assertThat(transcript.get("source_kind").stringValue()).isEqualTo("file");
        assertThat(transcript.get("duration").doubleValue()).isBetween(4900.0, 5200.0);
        assertThat(transcript.get("transcript").stringValue()).contains("Uploaded words");
        JsonNode topics = api.get("/v1/transcripts/" + id + "/topics/with-words").json();
        assertThat(topics.get(0).get("words")).hasSize(2);
        try (S3Client client = s3.client()) {
            assertThat(client.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS).key("uploads/" + id + "/file"))
                    .asByteArray()).isEqualTo(file);
            assertThat(client.listObjectsV2(request -> request.bucket(TRANSCRIPTS).prefix("uploads/" + id + "/"))
                    .contents()).hasSize(1);
        }
        assertThat(api.get("/v1/transcripts/" + id + "/audio/mp3").status()).isEqualTo(200);
        assertThat(backend.requests("POST", "/v1/audio/transcriptions")).hasSize(1);
    }
}
