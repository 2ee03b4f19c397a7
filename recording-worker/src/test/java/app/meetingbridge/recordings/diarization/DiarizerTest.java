package app.meetingbridge.recordings.diarization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.recordings.diarization.Diarizer.DiarizationException;
import app.meetingbridge.recordings.diarization.Diarizer.Turns;
import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.storage.StorageProperties;
import app.meetingbridge.recordings.storage.StorageProperties.Bucket;
import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Recorded;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.TestS3;
import app.meetingbridge.transcripts.Word;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The diarizer client against a fake of Reflector's diarization service (at the HTTP level, answering as the
 * service does), handed a signed link to audio in a real S3 API (s3proxy) that the fake reads as the service would.
 */
class DiarizerTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final FakeHttpServer service = new FakeHttpServer();
    static String transcripts;
    static S3RecordingStore store;
    static S3Client s3;

    byte[] audio;
    URI link;

    @BeforeAll
    static void storage() {
        TestS3 server = TestS3.shared();
        transcripts = "transcripts-" + UUID.randomUUID().toString().substring(0, 8);
        server.createBucket(transcripts);
        store = new S3RecordingStore(new StorageProperties(server.endpoint().toString(),
                new Bucket(transcripts, TestS3.REGION, null, TestS3.ACCESS_KEY, TestS3.SECRET_KEY), Map.of(), 5, true));
        s3 = server.client();
    }

    @AfterAll
    static void close() {
        service.close();
        store.close();
        s3.close();
    }

    @BeforeEach
    void audioInStorage() {
        service.reset();
        audio = new byte[200_000];
        new Random(3).nextBytes(audio);
        String key = UUID.randomUUID() + "/audio.mp3";
        s3.putObject(request -> request.bucket(transcripts).key(key), RequestBody.fromBytes(audio));
        link = store.presignedGet(key, Duration.ofHours(2));
    }

    static Diarizer diarizer(String url, String key) {
        return new Diarizer(new DiarizationProperties(true, url, key, Duration.ofSeconds(5), null));
    }

    static Map<String, String> query(Recorded request) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : request.query().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static HttpResponse<byte[]> get(String link) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void asksWithASignedLinkTheServiceCanReadAndItsKey() throws Exception {
        AtomicReference<byte[]> fetched = new AtomicReference<>();
        service.on("POST", "/diarize", request -> {
            try {
                fetched.set(get(query(request).get("audio_file_url")).body()); // as the service downloads it
            } catch (Exception e) {
                return Reply.json(500, "{\"detail\":\"" + e + "\"}");
            }
            return Reply.json(200, """
                    {"diarization": [{"start": 0.0, "end": 1.2, "speaker": 0}, {"start": 1.3, "end": 2.5, "speaker": 1}]}
                    """);
        });

        Turns turns = diarizer(service.baseUri() + "/", "modal-key").turns(link);

        assertThat(turns.count()).isEqualTo(2);
        assertThat(turns.speakers()).isEqualTo(2);
        Recorded request = service.requests("POST", "/diarize").get(0);
        assertThat(query(request)).containsOnly(Map.entry("audio_file_url", link.toString()), Map.entry("timestamp", "0"));
        assertThat(request.query()).doesNotContain("X-Amz-Signature="); // the link is encoded as one parameter
        assertThat(request.header("Authorization")).isEqualTo("Bearer modal-key");
        assertThat(fetched.get()).isEqualTo(audio);
        assertThat(turns.assign(List.of(new Word("Hello", 0.2, 0.5, 0), new Word("Hi", 1.6, 1.9, 0))))
                .extracting(Word::speaker).containsExactly(0, 1);
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        service.on("POST", "/diarize", Reply.json(200, "{\"diarization\": []}"));

        Turns turns = diarizer(service.baseUri().toString(), "").turns(link);

        assertThat(turns.count()).isZero();
        assertThat(service.requests("POST", "/diarize").get(0).header("Authorization")).isNull();
    }

    @Test
    void anErrorAnswerFailsWithItsStatusAndNotTheLink() {
        service.on("POST", "/diarize", Reply.json(500, "{\"detail\":\"CUDA out of memory\"}"));

        assertThatThrownBy(() -> diarizer(service.baseUri().toString(), "k").turns(link))
                .isInstanceOf(DiarizationException.class).hasMessageContaining("500")
                .hasMessageContaining("CUDA out of memory").hasMessageNotContaining("X-Amz");
        service.on("POST", "/diarize", Reply.json(401, "{\"detail\":\"Invalid API key\"}"));
        assertThatThrownBy(() -> diarizer(service.baseUri().toString(), "wrong").turns(link))
                .isInstanceOf(DiarizationException.class).hasMessageContaining("401");
    }

    @Test
    void anAnswerOutOfContractFailsSayingWhy() {
        service.on("POST", "/diarize", new Reply(200, Map.of("Content-Type", "text/html"), "<html>gateway</html>",
                Duration.ZERO));
        assertThatThrownBy(() -> diarizer(service.baseUri().toString(), "").turns(link))
                .isInstanceOf(DiarizationException.class).hasMessageContaining("not JSON");

        service.on("POST", "/diarize", Reply.json(200, "{\"segments\": []}"));
        assertThatThrownBy(() -> diarizer(service.baseUri().toString(), "").turns(link))
                .isInstanceOf(DiarizationException.class).hasMessageContaining("\"diarization\"");

        service.on("POST", "/diarize", Reply.json(200, "{\"diarization\": [{\"start\": 0, \"speaker\": 0}]}"));
        assertThatThrownBy(() -> diarizer(service.baseUri().toString(), "").turns(link))
                .isInstanceOf(DiarizationException.class).hasMessageContaining("turn 0");
    }

    @Test
    void anAnswerLargerThanTheLimitIsRefusedAfterReadingOneByteMore() {
        String turn = "{\"start\": 0.0, \"end\": 1.0, \"speaker\": 0}";
        service.on("POST", "/diarize", Reply.json(200, "{\"diarization\": [" + String.join(",",
                java.util.Collections.nCopies(200, turn)) + "]}"));
        Diarizer small = new Diarizer(new DiarizationProperties(true, service.baseUri().toString(), "",
                Duration.ofSeconds(5), null), 4096);

        assertThatThrownBy(() -> small.turns(link)).isInstanceOf(DiarizationException.class)
                .hasMessageContaining("larger than 4096 bytes");
    }

    @Test
    void turnsWithImpossibleTimesAreLeftOutAndTheRestUsed() {
        service.on("POST", "/diarize", Reply.json(200, """
                {"diarization": [{"start": -3, "end": -1, "speaker": 0}, {"start": 0.0, "end": 2.0, "speaker": "SPEAKER_01"}]}
                """));

        Turns turns = diarizer(service.baseUri().toString(), "").turns(link);

        assertThat(turns.count()).isEqualTo(1);
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeFails() {
        service.on("POST", "/diarize", Reply.json(200, "{\"diarization\": []}").after(Duration.ofSeconds(3)));
        Diarizer impatient = new Diarizer(new DiarizationProperties(true, service.baseUri().toString(), "",
                Duration.ofMillis(300), null));

        assertThatThrownBy(() -> impatient.turns(link)).isInstanceOf(DiarizationException.class)
                .hasMessageContaining("did not answer within PT0.3S");
    }

    @Test
    void aServiceThatIsDownFails() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }

        assertThatThrownBy(() -> diarizer("http://127.0.0.1:" + port, "").turns(link))
                .isInstanceOf(DiarizationException.class).hasMessageContaining("unreachable");
    }

    @Test
    void isOnlyEnabledWhenSwitchedOnWithAService() {
        assertThat(diarizer("http://diarizer:8000", "").enabled()).isTrue();
        assertThat(new Diarizer(new DiarizationProperties(false, "http://diarizer:8000", "", null, null)).enabled())
                .isFalse();
        assertThat(new Diarizer(new DiarizationProperties(true, "  ", "", null, null)).enabled()).isFalse();
        assertThat(new Diarizer(new DiarizationProperties(true, null, null, null, null)).linkExpiry())
                .isEqualTo(Duration.ofHours(2));
    }
}
