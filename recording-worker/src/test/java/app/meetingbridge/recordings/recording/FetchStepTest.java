package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.storage.S3RecordingStore.PartListener;
import app.meetingbridge.recordings.storage.StorageException;
import app.meetingbridge.recordings.storage.StorageProperties;
import app.meetingbridge.recordings.storage.StorageProperties.Bucket;
import app.meetingbridge.testsupport.TestS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The fetch into the transcript storage against a real S3 API (s3proxy): where each object's copy goes. */
class FetchStepTest {

    static final String ROOM_1 = "room-1";

    final TestS3 s3 = TestS3.shared();
    final String source = "provider-" + UUID.randomUUID().toString().substring(0, 8);
    final String transcripts = "transcripts-" + UUID.randomUUID().toString().substring(0, 8);
    S3Client client;
    S3RecordingStore store;

    @BeforeEach
    void buckets() {
        s3.createBucket(source);
        s3.createBucket(transcripts);
        client = s3.client();
        store = new S3RecordingStore(new StorageProperties(s3.endpoint().toString(),
                new Bucket(transcripts, TestS3.REGION, null, TestS3.ACCESS_KEY, TestS3.SECRET_KEY),
                Map.of("daily", new Bucket(source, TestS3.REGION, ROOM_1, null, null)), 5, false));
    }

    @AfterEach
    void close() {
        store.close();
        client.close();
    }

    void put(String key, String content) {
        client.putObject(request -> request.bucket(source).key(key), RequestBody.fromString(content));
    }

    /** A raw-tracks recording of these objects in the provider bucket, not fetched yet. */
    Recording recordingOf(String... keys) {
        return new Recording(UUID.randomUUID().toString(), "daily", "p-" + UUID.randomUUID(), null, "raw-tracks",
                source, List.of(keys), RecordingState.DISCOVERED, 0, null);
    }

    String read(List<String> keys, Path file) throws Exception {
        store.download(keys, file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void keepsEachObjectsWholeKeySoTwoTracksOfOneNameNeverOverwriteEachOther(@TempDir Path dir) throws Exception {
        put("room-1/a/track.webm", "alice's track");
        put("room-1/b/track.webm", "bob's track");
        Recording recording = recordingOf("room-1/a/track.webm", "room-1/b/track.webm");

        new FetchStep(store).run(recording, PartListener.NONE);

        assertThat(client.listObjectsV2(request -> request.bucket(transcripts).prefix(recording.copyPrefix())).contents())
                .extracting(S3Object::key)
                .containsExactlyInAnyOrder(recording.copyPrefix() + "room-1/a/track.webm",
                        recording.copyPrefix() + "room-1/b/track.webm");
        assertThat(read(recording.copyKeys("room-1/a/track.webm"), dir.resolve("a"))).isEqualTo("alice's track");
        assertThat(read(recording.copyKeys("room-1/b/track.webm"), dir.resolve("b"))).isEqualTo("bob's track");
    }

    @Test
    void refusesTheRecordingOfARoomWhoseNameOnlyBeginsLikeTheConfiguredFolder() {
        put("room-10/a/track.webm", "someone else's room");
        Recording recording = recordingOf("room-10/a/track.webm");

        assertThatThrownBy(() -> new FetchStep(store).run(recording, PartListener.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.REFUSED));
        assertThat(client.listObjectsV2(request -> request.bucket(transcripts)).contents()).isEmpty();
    }

    @Test
    void stillReadsACopyMadeWhenCopiesWereKeptByTheObjectsNameAlone(@TempDir Path dir) throws Exception {
        Recording recording = recordingOf("room-1/a/track.webm", "room-1/b/other.webm");
        store.upload("fetched before".getBytes(StandardCharsets.UTF_8), recording.copyPrefix() + "track.webm",
                "video/webm");

        assertThat(read(recording.copyKeys("room-1/a/track.webm"), dir.resolve("a"))).isEqualTo("fetched before");
        assertThatThrownBy(() -> store.download(recording.copyKeys("room-1/b/other.webm"), dir.resolve("b")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.MISSING));
    }
}
