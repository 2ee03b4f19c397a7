package app.meetingbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.testsupport.TestS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3FoldersTest {

    private static final String BUCKET = "s3-folders-test";

    @Test
    void deletesEveryObjectUnderThePrefixAndNothingBeside() {
        TestS3 s3 = TestS3.shared();
        s3.createBucket(BUCKET);
        try (S3Client client = S3Clients.client(new S3Access(s3.endpoint().toString(), TestS3.REGION,
                TestS3.ACCESS_KEY, TestS3.SECRET_KEY))) {
            for (String key : new String[] {"uploads/t1/chunk-0", "uploads/t1/chunk-1", "uploads/t10/chunk-0",
                    "t1/audio.mp3"}) {
                client.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString(key));
            }

            assertThat(S3Folders.deleteUnder(client, BUCKET, "uploads/t1/"))
                    .containsExactlyInAnyOrder("uploads/t1/chunk-0", "uploads/t1/chunk-1");

            assertThat(client.listObjectsV2(request -> request.bucket(BUCKET)).contents()).extracting(S3Object::key)
                    .containsExactlyInAnyOrder("uploads/t10/chunk-0", "t1/audio.mp3");
            assertThat(S3Folders.deleteUnder(client, BUCKET, "uploads/t1/")).isEmpty();
        }
    }

    @Test
    void refusesAPrefixThatNamesTheWholeBucket() {
        try (S3Client client = S3Clients.client(new S3Access(TestS3.shared().endpoint().toString(), TestS3.REGION,
                TestS3.ACCESS_KEY, TestS3.SECRET_KEY))) {
            assertThatThrownBy(() -> S3Folders.deleteUnder(client, BUCKET, "")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> S3Folders.deleteUnder(client, BUCKET, "/"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
