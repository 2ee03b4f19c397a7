package app.meetingbridge.recordings.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.recordings.storage.S3RecordingStore.Copied;
import app.meetingbridge.recordings.storage.S3RecordingStore.PartListener;
import app.meetingbridge.recordings.storage.StorageException.Reason;
import app.meetingbridge.recordings.storage.StorageProperties.Bucket;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestS3;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The copy from a provider bucket into the transcript storage, against a real S3 API (s3proxy), reached through
 * a TCP proxy that can cut or corrupt what the server sends.
 */
class S3RecordingStoreTest {

    static final int MIB = 1024 * 1024;
    static final String SOURCE = "daily-recordings";
    static final String PREFIX = "acme/";
    static TestS3 s3;
    static TcpProxy proxy;

    String transcripts;
    S3RecordingStore store;
    S3Client client;

    @BeforeAll
    static void server() throws IOException {
        s3 = TestS3.shared();
        proxy = new TcpProxy("127.0.0.1", s3.endpoint().getPort());
    }

    @AfterAll
    static void closeProxy() throws IOException {
        proxy.close();
    }

    @BeforeEach
    void buckets() {
        transcripts = "transcripts-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(transcripts);
        s3.createBucket(SOURCE);
        Bucket transcriptBucket = new Bucket(transcripts, TestS3.REGION, null, TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
        store = new S3RecordingStore(new StorageProperties("http://127.0.0.1:" + proxy.port(), transcriptBucket,
                Map.of("daily", new Bucket(SOURCE, TestS3.REGION, PREFIX, null, null)), 5));
        client = s3.client();
    }

    @AfterEach
    void closeClients() {
        store.close();
        client.close();
    }

    byte[] put(String key, int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        client.putObject(request -> request.bucket(SOURCE).key(key), RequestBody.fromBytes(content));
        return content;
    }

    byte[] copied(String key) {
        return client.getObjectAsBytes(request -> request.bucket(transcripts).key(key)).asByteArray();
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void copiesAnObjectOfSeveralPartsByteForByte() throws Exception {
        String key = PREFIX + "room/" + UUID.randomUUID();
        byte[] content = put(key, 17 * MIB + 123);

        Copied copied = store.copy("daily", SOURCE, key, "recordings/r1/a", PartListener.NONE);

        assertThat(copied.size()).isEqualTo(content.length);
        assertThat(copied.alreadyThere()).isFalse();
        assertThat(md5(copied("recordings/r1/a"))).isEqualTo(md5(content));
    }

    @Test
    void copiesAnEmptyObjectAndASmallOne() throws Exception {
        String empty = PREFIX + "empty-" + UUID.randomUUID();
        String small = PREFIX + "small-" + UUID.randomUUID();
        put(empty, 0);
        byte[] content = put(small, 1000);

        assertThat(store.copy("daily", SOURCE, empty, "recordings/r2/empty", PartListener.NONE).size()).isZero();
        store.copy("daily", SOURCE, small, "recordings/r2/small", PartListener.NONE);

        assertThat(copied("recordings/r2/empty")).isEmpty();
        assertThat(copied("recordings/r2/small")).isEqualTo(content);
    }

    @Test
    void leavesACopyThatIsAlreadyThereAsItIs() {
        String key = PREFIX + "again-" + UUID.randomUUID();
        put(key, 6 * MIB);
        store.copy("daily", SOURCE, key, "recordings/r3/a", PartListener.NONE);

        Copied again = store.copy("daily", SOURCE, key, "recordings/r3/a", PartListener.NONE);

        assertThat(again.alreadyThere()).isTrue();
    }

    @Test
    void resumesACopyThatStoppedHalfWayWhereItsPartsEnd() throws Exception {
        String key = PREFIX + "crash-" + UUID.randomUUID();
        byte[] content = put(key, 23 * MIB);
        PartListener crashAfterThreeParts = (read, size) -> {
            if (read >= 3L * 5 * MIB) {
                throw new IllegalStateException("killed");
            }
        };
        assertThatThrownBy(() -> store.copy("daily", SOURCE, key, "recordings/r4/a", crashAfterThreeParts))
                .hasMessage("killed");

        Copied resumed = store.copy("daily", SOURCE, key, "recordings/r4/a", PartListener.NONE);

        assertThat(resumed.resumedAt()).isEqualTo(3L * 5 * MIB);
        assertThat(md5(copied("recordings/r4/a"))).isEqualTo(md5(content));
    }

    @Test
    void aTruncatedDownloadFailsAsTruncatedAndTheNextAttemptCompletesTheCopy() throws Exception {
        String key = PREFIX + "cut-" + UUID.randomUUID();
        byte[] content = put(key, 12 * MIB);
        proxy.tamperOnce(7L * MIB, TcpProxy.Damage.CUT);

        assertThatThrownBy(() -> store.copy("daily", SOURCE, key, "recordings/r5/a", PartListener.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        Copied retried = store.copy("daily", SOURCE, key, "recordings/r5/a", PartListener.NONE);

        assertThat(md5(copied("recordings/r5/a"))).isEqualTo(md5(content));
        assertThat(retried.resumedAt()).isEqualTo(5L * MIB);
    }

    @Test
    void bytesThatDoNotMatchTheChecksumAreRefusedAndTheCopyRemoved() {
        String key = PREFIX + "flip-" + UUID.randomUUID();
        put(key, 9 * MIB);
        proxy.tamperOnce(3L * MIB, TcpProxy.Damage.FLIP);

        assertThatThrownBy(() -> store.copy("daily", SOURCE, key, "recordings/r6/a", PartListener.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CHECKSUM));
        assertThat(client.listObjectsV2(request -> request.bucket(transcripts).prefix("recordings/r6/")).contents())
                .isEmpty();
    }

    @Test
    void aMissingObjectIsMissing() {
        assertThatThrownBy(() -> store.copy("daily", SOURCE, PREFIX + "nothing-here", "recordings/r7/a", PartListener.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
    }

    @Test
    void refusesKeysOutsideTheProviderBucketAndPrefixBeforeAnyRequest() {
        put(PREFIX + "fine", 10);
        for (String[] outside : new String[][]{{"other-bucket", PREFIX + "fine"}, {SOURCE, "elsewhere/fine"},
                {SOURCE, PREFIX + "../elsewhere/fine"}, {SOURCE, "/" + PREFIX + "fine"}, {SOURCE, ""}}) {
            assertThatThrownBy(() -> store.copy("daily", outside[0], outside[1], "recordings/r8/a", PartListener.NONE))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
        }
        assertThatThrownBy(() -> store.copy("whereby", SOURCE, PREFIX + "fine", "recordings/r8/a", PartListener.NONE))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
    }
}
