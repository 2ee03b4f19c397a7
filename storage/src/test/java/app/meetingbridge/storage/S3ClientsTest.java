package app.meetingbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.TestS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3ClientsTest {

    private static final String BUCKET = "s3-clients-test";

    @Test
    void talksToAnS3CompatibleServerPathStyleWithTheAccessKey() {
        TestS3 s3 = TestS3.shared();
        s3.createBucket(BUCKET);
        S3Access access = new S3Access(s3.endpoint().toString(), TestS3.REGION, TestS3.ACCESS_KEY, TestS3.SECRET_KEY);

        try (S3Client client = S3Clients.client(access)) {
            client.putObject(request -> request.bucket(BUCKET).key("hello.txt"), RequestBody.fromString("hello"));

            assertThat(client.getObjectAsBytes(request -> request.bucket(BUCKET).key("hello.txt")).asUtf8String())
                    .isEqualTo("hello");
        }
    }

    @Test
    void signsLinksThatReadAnObjectWithoutTheKey() throws Exception {
        TestS3 s3 = TestS3.shared();
        s3.createBucket(BUCKET);
        S3Access access = new S3Access(s3.endpoint().toString(), TestS3.REGION, TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
        try (S3Client client = S3Clients.client(access)) {
            client.putObject(request -> request.bucket(BUCKET).key("linked.txt"), RequestBody.fromString("linked"));
        }

        URI link;
        try (S3Presigner presigner = S3Clients.presigner(access)) {
            link = presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(get -> get.bucket(BUCKET).key("linked.txt"))).url().toURI();
        }

        assertThat(link.getPath()).isEqualTo("/" + BUCKET + "/linked.txt");
        HttpResponse<String> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo("linked");
    }

    @Test
    void takesTheFallbackKeyOnlyWithoutAKeyOfItsOwn() {
        S3Access own = new S3Access(null, "eu-west-1", "own-id", "own-secret");
        S3Access none = new S3Access(null, "eu-west-1", null, null);
        S3Access fallback = new S3Access(null, "us-east-1", "fallback-id", "fallback-secret");

        assertThat(own.orKeyOf(fallback).accessKeyId()).isEqualTo("own-id");
        assertThat(none.orKeyOf(fallback)).isEqualTo(new S3Access(null, "eu-west-1", "fallback-id", "fallback-secret"));
        assertThat(none.orKeyOf(none)).isEqualTo(none);
    }

    @Test
    void asksTheDefaultChainWithoutAWholeKey() {
        assertThat(S3Clients.credentials(new S3Access(null, "eu-west-1", null, null)))
                .isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(S3Clients.credentials(new S3Access(null, "eu-west-1", "id-without-secret", " ")))
                .isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(S3Clients.credentials(new S3Access(null, "eu-west-1", "id", "secret")))
                .isInstanceOf(StaticCredentialsProvider.class);
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(new S3Access(null, "eu-west-1", "id", "very-secret").toString()).doesNotContain("very-secret");
    }
}
