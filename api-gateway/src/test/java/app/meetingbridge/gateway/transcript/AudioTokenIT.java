package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The mp3 for an {@code <audio>} element: {@code ?token=} signs the caller in as the {@code Authorization} header
 * does (a bad token is refused, never ignored), and {@code HEAD} answers the headers without the file.
 */
class AudioTokenIT extends TranscriptEditSupport {

    byte[] mp3(String transcriptId) {
        byte[] mp3 = new byte[20_000];
        new Random(3).nextBytes(mp3);
        try (var s3 = app.meetingbridge.testsupport.TestS3.shared().client()) {
            s3.putObject(request -> request.bucket(BUCKET).key(transcriptId + "/audio.mp3"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(mp3));
        }
        return mp3;
    }

    HttpResponse<byte[]> request(String method, String path, String headerToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headerToken != null) {
            request.header("Authorization", "Bearer " + headerToken);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesThePrivateMp3ToTheOwnersTokenInTheQuery() throws Exception {
        String id = transcript("alice", "private");
        byte[] mp3 = mp3(id);

        HttpResponse<byte[]> response = request("GET", "/v1/transcripts/" + id + "/audio/mp3?token="
                + tokens.tokenFor("alice"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(mp3);
        assertThat(request("GET", "/v1/transcripts/" + id + "/audio/mp3", null).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesAnInvalidOrExpiredTokenInTheQueryWith401EvenForAPublicTranscript() throws Exception {
        String id = transcript("alice", "public");
        mp3(id);
        String path = "/v1/transcripts/" + id + "/audio/mp3?token=";

        HttpResponse<byte[]> expired = request("GET", path + tokens.expiredTokenFor("alice"), null);
        HttpResponse<byte[]> stranger = request("GET", path + TestTokens.tokenSignedByAStranger("alice"), null);
        HttpResponse<byte[]> garbage = request("GET", path + "not-a-jwt", null);
        HttpResponse<byte[]> headHead = request("HEAD", path + "not-a-jwt", null);

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(new String(expired.body())).contains("Invalid or expired token");
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(headHead.statusCode()).isEqualTo(401);
        assertThat(request("GET", "/v1/transcripts/" + id + "/audio/mp3", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnotherUsersTokenAsTheHeaderWouldBe() throws Exception {
        String id = transcript("alice", "private");
        mp3(id);

        HttpResponse<byte[]> other = request("GET", "/v1/transcripts/" + id + "/audio/mp3?token="
                + tokens.tokenFor("bob"), null);
        HttpResponse<byte[]> twoUsers = request("GET", "/v1/transcripts/" + id + "/audio/mp3?token="
                + tokens.tokenFor("bob"), tokens.tokenFor("alice"));
        HttpResponse<byte[]> sameUser = request("GET", "/v1/transcripts/" + id + "/audio/mp3?token="
                + tokens.tokenFor("alice"), tokens.tokenFor("alice"));

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(new String(other.body())).contains("Transcript access denied");
        assertThat(twoUsers.statusCode()).isEqualTo(401);
        assertThat(sameUser.statusCode()).isEqualTo(200);
    }

    @Test
    void takesTheTokenOnlyOnTheAudioPaths() {
        String id = transcript("alice", "private");

        Response withToken = anonymous.get("/v1/transcripts/" + id + "?token=" + tokens.tokenFor("alice"));
        Response badToken = anonymous.get("/v1/transcripts/" + id + "/topics?token=garbage");

        assertThat(withToken.status()).isEqualTo(403);
        assertThat(badToken.status()).isEqualTo(403);
    }

    @Test
    void answersHeadWithTheHeadersAndNoBody() throws Exception {
        String id = transcript("alice", "private");
        mp3(id);

        HttpResponse<byte[]> head = request("HEAD", "/v1/transcripts/" + id + "/audio/mp3?token="
                + tokens.tokenFor("alice"), null);
        HttpResponse<byte[]> headByHeader = request("HEAD", "/v1/transcripts/" + id + "/audio/mp3", tokens.tokenFor("alice"));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("20000");
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("audio/mpeg"));
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(headByHeader.statusCode()).isEqualTo(200);
        assertThat(request("HEAD", "/v1/transcripts/" + id + "/audio/mp3", null).statusCode()).isEqualTo(403);
        String silent = transcript("alice", "private");
        assertThat(request("HEAD", "/v1/transcripts/" + silent + "/audio/mp3", tokens.tokenFor("alice")).statusCode())
                .isEqualTo(404);
    }
}
