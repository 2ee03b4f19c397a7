package app.meetingbridge.recordings.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.meetingbridge.recordings.storage.CopyFaultS3.Copy;
import app.meetingbridge.recordings.storage.S3RecordingStore.Copied;
import app.meetingbridge.recordings.storage.S3RecordingStore.PartListener;
import app.meetingbridge.recordings.storage.StorageException.Reason;
import app.meetingbridge.recordings.storage.StorageProperties.Bucket;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestS3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The copy from a provider bucket into the transcript storage, against a real S3 API (s3proxy). Streamed copies
 * (server-side copy off) reach the server through a TCP proxy that can cut or corrupt what the server sends on its
 * way through the worker. Server-side copies (CopyObject) go to the server directly, or to one whose copies can be
 * refused or go wrong ({@link CopyFaultS3}).
 */
class S3RecordingStoreTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final int MIB = 1024 * 1024;
    static final String SOURCE = "daily-recordings";
    static final String PREFIX = "acme/";
    static final Bucket DAILY = new Bucket(SOURCE, TestS3.REGION, PREFIX, null, null);
    static TestS3 s3;
    static TcpProxy proxy;
    static CopyFaultS3 faults;

    String transcripts;
    /** Streams every copy, through the TCP proxy. */
    S3RecordingStore store;
    /** Copies server-side, on the same server. */
    S3RecordingStore serverSide;
    S3Client client;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void server() throws IOException {
        s3 = TestS3.shared();
        proxy = new TcpProxy("127.0.0.1", s3.endpoint().getPort());
        faults = CopyFaultS3.start();
    }

    @AfterAll
    static void closeServers() throws Exception {
        proxy.close();
        faults.close();
    }

    @BeforeEach
    void buckets() {
        transcripts = "transcripts-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(transcripts);
        s3.createBucket(SOURCE);
        store = store(URI.create("http://127.0.0.1:" + proxy.port()), DAILY, false);
        serverSide = store(s3.endpoint(), DAILY, true);
        client = s3.client();
        toClose.add(client);
        faults.copies(Copy.WORKS);
        faults.createBucket(transcripts);
        faults.createBucket(SOURCE);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    S3RecordingStore store(URI endpoint, Bucket daily, boolean serverSideCopy) {
        Bucket transcriptBucket = new Bucket(transcripts, TestS3.REGION, null, TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
        S3RecordingStore made = new S3RecordingStore(new StorageProperties(endpoint.toString(), transcriptBucket,
                Map.of("daily", daily), 5, serverSideCopy));
        toClose.add(made);
        return made;
    }

    byte[] put(String key, int size) {
        return put(client, key, size);
    }

    static byte[] put(S3Client on, String key, int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        on.putObject(request -> request.bucket(SOURCE).key(key), RequestBody.fromBytes(content));
        return content;
    }

    byte[] copied(String key) {
        return copied(client, key);
    }

    byte[] copied(S3Client on, String key) {
        return on.getObjectAsBytes(request -> request.bucket(transcripts).key(key)).asByteArray();
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
        assertThat(copied.serverSide()).isFalse();
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
    void aStreamedCopyInterruptedThenFinishedServerSideLeavesNoUploadBehind() throws Exception {
        String key = PREFIX + "leftover-" + UUID.randomUUID();
        byte[] content = put(key, 12 * MIB);
        PartListener crashAfterOnePart = (read, size) -> {
            if (read >= 5L * MIB) {
                throw new IllegalStateException("killed");
            }
        };
        assertThatThrownBy(() -> store.copy("daily", SOURCE, key, "recordings/r4b/a", crashAfterOnePart))
                .hasMessage("killed");
        assertThat(client.listMultipartUploads(request -> request.bucket(transcripts)).uploads()).hasSize(1);

        Copied copied = serverSide.copy("daily", SOURCE, key, "recordings/r4b/a", PartListener.NONE);

        assertThat(copied.serverSide()).isTrue();
        assertThat(md5(copied("recordings/r4b/a"))).isEqualTo(md5(content));
        assertThat(client.listMultipartUploads(request -> request.bucket(transcripts)).uploads()).isEmpty();
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
        for (S3RecordingStore either : List.of(store, serverSide)) {
            assertThatThrownBy(() -> either.copy("daily", SOURCE, PREFIX + "nothing-here", "recordings/r7/a", PartListener.NONE))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
        }
    }

    @Test
    void refusesKeysOutsideTheProviderBucketAndPrefixBeforeAnyRequest() {
        put(PREFIX + "fine", 10);
        S3RecordingStore copyingOnAServerThatCounts = store(faults.endpoint(), DAILY, true);
        for (S3RecordingStore either : List.of(store, serverSide, copyingOnAServerThatCounts)) {
            for (String[] outside : new String[][]{{"other-bucket", PREFIX + "fine"}, {SOURCE, "elsewhere/fine"},
                    {SOURCE, PREFIX + "../elsewhere/fine"}, {SOURCE, "/" + PREFIX + "fine"}, {SOURCE, ""}}) {
                assertThatThrownBy(() -> either.copy("daily", outside[0], outside[1], "recordings/r8/a", PartListener.NONE))
                        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
            }
            assertThatThrownBy(() -> either.copy("whereby", SOURCE, PREFIX + "fine", "recordings/r8/a", PartListener.NONE))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
        }
        assertThat(faults.copyRequests()).isZero();
        assertThat(client.listObjectsV2(request -> request.bucket(transcripts).prefix("recordings/r8/")).contents())
                .isEmpty();
    }

    @Test
    void aPrefixIsAFolderSoRoom1NeverTakesInRoom10() throws Exception {
        byte[] room1 = put("room-1/track.webm", 1000);
        put("room-10/track.webm", 2000);
        put("room-1-other/track.webm", 3000);
        for (boolean serverSideCopy : List.of(false, true)) {
            S3RecordingStore room1Only = store(s3.endpoint(), new Bucket(SOURCE, TestS3.REGION, "room-1", null, null),
                    serverSideCopy);

            for (String outside : List.of("room-10/track.webm", "room-1-other/track.webm", "room-1", "room-1/")) {
                assertThatThrownBy(() -> room1Only.copy("daily", SOURCE, outside, "recordings/f/" + outside, PartListener.NONE))
                        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED));
            }
            room1Only.copy("daily", SOURCE, "room-1/track.webm", "recordings/f/room-1/track.webm", PartListener.NONE);
            assertThat(copied("recordings/f/room-1/track.webm")).isEqualTo(room1);
        }
        assertThat(client.listObjectsV2(request -> request.bucket(transcripts).prefix("recordings/f/")).contents())
                .extracting(software.amazon.awssdk.services.s3.model.S3Object::key)
                .containsExactly("recordings/f/room-1/track.webm");
    }

    @Test
    void deletingAFolderOfCopiesLeavesTheFolderWhoseNameItBeginsAlone() {
        for (String key : List.of("recordings/room-1/a/track.webm", "recordings/room-1/b/track.webm",
                "recordings/room-10/a/track.webm")) {
            store.upload(new byte[] {1, 2, 3}, key, "video/webm");
        }

        store.deleteAllFromTranscripts("recordings/room-1");

        assertThat(client.listObjectsV2(request -> request.bucket(transcripts).prefix("recordings/")).contents())
                .extracting(software.amazon.awssdk.services.s3.model.S3Object::key)
                .containsExactly("recordings/room-10/a/track.webm");
        assertThatThrownBy(() -> store.deleteAllFromTranscripts("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesAnObjectOfSeveralPartsServerSideByteForByte() throws Exception {
        String key = PREFIX + "room/" + UUID.randomUUID();
        byte[] content = put(key, 17 * MIB + 123);
        List<String> progress = new ArrayList<>();

        Copied copied = serverSide.copy("daily", SOURCE, key, "recordings/s1/a",
                (read, size) -> progress.add(read + " of " + size));

        assertThat(copied.serverSide()).isTrue();
        assertThat(copied.alreadyThere()).isFalse();
        assertThat(copied.size()).isEqualTo(content.length);
        assertThat(progress).containsExactly(content.length + " of " + content.length);
        assertThat(copied("recordings/s1/a")).isEqualTo(content);
        assertThat(md5(copied("recordings/s1/a"))).isEqualTo(md5(content)).isEqualTo(copied.sourceEtag());
        assertThat(client.headObject(request -> request.bucket(transcripts).key("recordings/s1/a")).metadata())
                .containsEntry(S3RecordingStore.SOURCE_ETAG, copied.sourceEtag());
    }

    @Test
    void leavesACopyThatIsAlreadyThereAsItIsHoweverItWasMade() {
        String key = PREFIX + "again-" + UUID.randomUUID();
        put(key, 6 * MIB);
        serverSide.copy("daily", SOURCE, key, "recordings/s2/a", PartListener.NONE);
        store.copy("daily", SOURCE, key, "recordings/s2/b", PartListener.NONE);

        assertThat(serverSide.copy("daily", SOURCE, key, "recordings/s2/a", PartListener.NONE).alreadyThere()).isTrue();
        assertThat(store.copy("daily", SOURCE, key, "recordings/s2/a", PartListener.NONE).alreadyThere()).isTrue();
        assertThat(serverSide.copy("daily", SOURCE, key, "recordings/s2/b", PartListener.NONE).alreadyThere()).isTrue();
    }

    @Test
    void streamsFromAProviderBucketReadWithItsOwnCredential() throws Exception {
        S3RecordingStore ownKey = store(faults.endpoint(), new Bucket(SOURCE, TestS3.REGION, PREFIX,
                CopyFaultS3.PROVIDER_ACCESS_KEY, CopyFaultS3.PROVIDER_SECRET_KEY), true);
        try (S3Client on = faults.client()) {
            String key = PREFIX + "own-key-" + UUID.randomUUID();
            byte[] content = put(on, key, 7 * MIB);

            Copied copied = ownKey.copy("daily", SOURCE, key, "recordings/s3/a", PartListener.NONE);

            assertThat(copied.serverSide()).isFalse();
            assertThat(faults.copyRequests()).isZero();
            assertThat(copied(on, "recordings/s3/a")).isEqualTo(content);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Copy.class, names = {"REFUSED", "NOT_IMPLEMENTED"})
    void streamsWhenTheServerRefusesTheCopyAndDoesNotAskAgainForThatPlatform(Copy refusal) throws Exception {
        S3RecordingStore refused = store(faults.endpoint(), DAILY, true);
        faults.copies(refusal);
        try (S3Client on = faults.client()) {
            String first = PREFIX + "refused-" + UUID.randomUUID();
            String second = PREFIX + "refused-" + UUID.randomUUID();
            byte[] firstContent = put(on, first, 6 * MIB);
            byte[] secondContent = put(on, second, 1000);

            Copied one = refused.copy("daily", SOURCE, first, "recordings/s4/a", PartListener.NONE);
            Copied two = refused.copy("daily", SOURCE, second, "recordings/s4/b", PartListener.NONE);

            assertThat(one.serverSide()).isFalse();
            assertThat(two.serverSide()).isFalse();
            assertThat(faults.copyRequests()).isEqualTo(1);
            assertThat(copied(on, "recordings/s4/a")).isEqualTo(firstContent);
            assertThat(copied(on, "recordings/s4/b")).isEqualTo(secondContent);
        }
    }

    @Test
    void anObjectGoneBeforeItsServerSideCopyIsMissing() {
        S3RecordingStore copying = store(faults.endpoint(), DAILY, true);
        faults.copies(Copy.SOURCE_GONE);
        try (S3Client on = faults.client()) {
            String key = PREFIX + "gone-" + UUID.randomUUID();
            put(on, key, 1000);

            assertThatThrownBy(() -> copying.copy("daily", SOURCE, key, "recordings/s5/a", PartListener.NONE))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
        }
    }

    @Test
    void aServerSideCopyWhoseEtagIsNotItsMd5IsReadBackAndKept() throws Exception {
        S3RecordingStore copying = store(faults.endpoint(), DAILY, true);
        faults.copies(Copy.OTHER_ETAG);
        try (S3Client on = faults.client()) {
            String key = PREFIX + "encrypted-" + UUID.randomUUID();
            byte[] content = put(on, key, 6 * MIB);

            Copied copied = copying.copy("daily", SOURCE, key, "recordings/s6/a", PartListener.NONE);

            assertThat(copied.serverSide()).isTrue();
            assertThat(on.headObject(request -> request.bucket(transcripts).key("recordings/s6/a")).eTag())
                    .doesNotContain(copied.sourceEtag());
            assertThat(md5(copied(on, "recordings/s6/a"))).isEqualTo(md5(content));
        }
    }

    @Test
    void aServerSideCopyThatDoesNotMatchTheChecksumIsRefusedAndRemoved() {
        S3RecordingStore copying = store(faults.endpoint(), DAILY, true);
        faults.copies(Copy.DAMAGES);
        try (S3Client on = faults.client()) {
            String key = PREFIX + "damaged-" + UUID.randomUUID();
            put(on, key, 6 * MIB);

            assertThatThrownBy(() -> copying.copy("daily", SOURCE, key, "recordings/s7/a", PartListener.NONE))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CHECKSUM));
            assertThat(on.listObjectsV2(request -> request.bucket(transcripts).prefix("recordings/s7/")).contents())
                    .isEmpty();
        }
    }

    @Test
    void joinsUploadedChunksIntoAFileInTheirOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        byte[] first = new byte[3 * MIB];
        byte[] second = new byte[1000];
        new Random(1).nextBytes(first);
        new Random(2).nextBytes(second);
        client.putObject(request -> request.bucket(transcripts).key("uploads/t1/chunk-0"), RequestBody.fromBytes(first));
        client.putObject(request -> request.bucket(transcripts).key("uploads/t1/chunk-1"), RequestBody.fromBytes(second));
        java.nio.file.Path file = folder.resolve("joined");

        long written = serverSide.concatenate(List.of("uploads/t1/chunk-0", "uploads/t1/chunk-1"), file);

        assertThat(written).isEqualTo(first.length + second.length);
        byte[] joined = java.nio.file.Files.readAllBytes(file);
        assertThat(java.util.Arrays.copyOfRange(joined, 0, first.length)).isEqualTo(first);
        assertThat(java.util.Arrays.copyOfRange(joined, first.length, joined.length)).isEqualTo(second);
    }

    @Test
    void takesAnUploadOnlyUnderTheUploadsFolderOfTheTranscriptStorage() {
        client.putObject(request -> request.bucket(transcripts).key("uploads/t1/file"), RequestBody.fromBytes(new byte[10]));
        client.putObject(request -> request.bucket(transcripts).key("t2/audio.mp3"), RequestBody.fromBytes(new byte[10]));

        assertThat(serverSide.uploadedSize(transcripts, "uploads/t1/file")).isEqualTo(10);
        for (String[] outside : new String[][] {{transcripts, "t2/audio.mp3"}, {SOURCE, "uploads/t1/file"},
                {transcripts, "uploads/../t2/audio.mp3"}, {transcripts, "uploads/"}}) {
            assertThatThrownBy(() -> serverSide.uploadedSize(outside[0], outside[1])).as(String.join("/", outside))
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.REFUSED));
        }
        assertThatThrownBy(() -> serverSide.uploadedSize(transcripts, "uploads/t3/file"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.MISSING));
    }

    @Test
    void aSignedLinkReadsTheObjectWithoutACredential() throws Exception {
        byte[] audio = new byte[300_000];
        new Random(7).nextBytes(audio);
        client.putObject(request -> request.bucket(transcripts).key("t1/audio.mp3"), RequestBody.fromBytes(audio));

        URI link = serverSide.presignedGet("t1/audio.mp3", Duration.ofHours(2));

        assertThat(link.toString()).startsWith(s3.endpoint() + "/" + transcripts + "/t1/audio.mp3?")
                .contains("X-Amz-Expires=7200");
        HttpResponse<byte[]> read = get(link);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(audio);
    }

    @Test
    void aSignedLinkReadsNothingElseAndNotForLong() throws Exception {
        client.putObject(request -> request.bucket(transcripts).key("t2/audio.mp3"), RequestBody.fromBytes(new byte[10]));
        client.putObject(request -> request.bucket(transcripts).key("t3/audio.mp3"), RequestBody.fromBytes(new byte[10]));
        URI link = serverSide.presignedGet("t2/audio.mp3", Duration.ofSeconds(3));

        assertThat(get(link).statusCode()).isEqualTo(200);
        assertThat(get(URI.create(link.toString().replace("/t2/", "/t3/"))).statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(20)).until(() -> get(link).statusCode() == 403);
    }

    static HttpResponse<byte[]> get(URI link) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
