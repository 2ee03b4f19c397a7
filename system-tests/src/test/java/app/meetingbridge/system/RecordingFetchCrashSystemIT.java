package app.meetingbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.messaging.WireFormat;
import app.meetingbridge.testsupport.TestS3;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The recording-worker killed ({@code kill -9}) in the middle of fetching a large object: the delivery comes back
 * to the restarted worker, which resumes the multipart upload after the parts already there, and the copy is the
 * object byte for byte (real S3 API, the built jar as a process).
 */
class RecordingFetchCrashSystemIT {

    static final int MIB = 1024 * 1024;
    static final long SIZE = 120L * MIB + 12_345;
    static TestS3 s3;
    static CachingConnectionFactory connection;

    @BeforeAll
    static void start() throws Exception {
        s3 = TestS3.start(null); // in memory: s3proxy's folder store cannot list an upload's parts
        s3.createBucket("provider");
        s3.createBucket("transcripts");
        connection = SystemBroker.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.destroy();
        s3.close();
    }

    static Deployable worker() {
        return new Deployable("recording-worker", Map.of(
                "S3_ENDPOINT", s3.endpoint().toString(),
                "TRANSCRIPT_STORAGE_AWS_BUCKET_NAME", "transcripts",
                "TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID", TestS3.ACCESS_KEY,
                "TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY", TestS3.SECRET_KEY,
                "AWS_DAILY_S3_BUCKET", "provider",
                "AWS_DAILY_S3_REGION", TestS3.REGION,
                "RECORDING_FETCH_PART_SIZE_MIB", "5",
                // one key reads both buckets here, which would have the server copy the object: this test is about
                // the streamed copy that a crash interrupts and a restart resumes
                "RECORDING_FETCH_SERVER_SIDE_COPY", "false"));
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    static String md5(InputStream in) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            md5.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    @Test
    void aWorkerKilledMidFetchIsRestartedAndTheCopyResumesAndIsWhole() throws Exception {
        String key = "acme/room/" + UUID.randomUUID();
        byte[] chunk = new byte[MIB];
        new Random(5).nextBytes(chunk);
        try (S3Client client = s3.client()) {
            client.putObject(request -> request.bucket("provider").key(key), RequestBody.fromContentProvider(() ->
                    new InputStream() {
                        long left = SIZE;

                        @Override
                        public int read() {
                            return left-- > 0 ? chunk[(int) ((SIZE - left - 1) % MIB)] & 0xff : -1;
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            if (left <= 0) {
                                return -1;
                            }
                            int at = (int) ((SIZE - left) % MIB);
                            int n = (int) Math.min(Math.min(len, left), MIB - at);
                            System.arraycopy(chunk, at, b, off, n);
                            left -= n;
                            return n;
                        }
                    }, SIZE, "application/octet-stream"));
        }
        String sourceMd5;
        try (S3Client client = s3.client(); InputStream in = client.getObject(request -> request.bucket("provider").key(key))) {
            sourceMd5 = md5(in);
        }

        Deployable first = worker();
        first.start();
        String recording = UUID.randomUUID().toString();
        RabbitTemplate publisher = new RabbitTemplate(connection);
        publisher.setMessageConverter(WireFormat.messageConverter());
        publisher.convertAndSend(Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new RecordingReady(
                "recording-ready:daily:" + recording, Instant.now(), Platform.DAILY, recording, null,
                RecordingReady.Kind.CLOUD, "provider", List.of(key), Instant.now()));
        try (S3Client client = s3.client()) {
            await(Duration.ofSeconds(60), () -> partsUnderway(client) >= 3);
            first.kill();
            int partsAtTheKill = partsUnderway(client);
            assertThat(partsAtTheKill).isBetween(3, 23);

            Deployable second = worker();
            second.start();
            try {
                await(Duration.ofSeconds(120), () -> copied(client) != null);
                try (InputStream in = client.getObject(request -> request.bucket("transcripts").key(copied(client)))) {
                    assertThat(md5(in)).isEqualTo(sourceMd5);
                }
                String log = Files.readString(Path.of("target", "system-test-logs", "recording-worker.log"));
                assertThat(log).contains("resuming the copy to recordings/");
            } finally {
                second.kill();
            }
        }
    }

    static int partsUnderway(S3Client client) {
        for (MultipartUpload upload : client.listMultipartUploads(request -> request.bucket("transcripts")).uploads()) {
            try {
                return client.listParts(request -> request.bucket("transcripts").key(upload.key())
                        .uploadId(upload.uploadId())).parts().size();
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                return 0; // completed or aborted meanwhile
            }
        }
        return 0;
    }

    static String copied(S3Client client) {
        var objects = client.listObjectsV2(request -> request.bucket("transcripts").prefix("recordings/")).contents();
        if (objects.isEmpty()) {
            return null;
        }
        try {
            var head = client.headObject(request -> request.bucket("transcripts").key(objects.get(0).key()));
            return head.contentLength() == SIZE ? objects.get(0).key() : null;
        } catch (NoSuchKeyException e) {
            return null;
        }
    }
}
