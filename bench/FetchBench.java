import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.storage.StorageProperties;
import app.meetingbridge.recordings.storage.StorageProperties.Bucket;
import app.meetingbridge.testsupport.TestS3;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fetch benchmark's parts, each run in its own JVM by bench/fetch.sh:
 *   serve DIR PORTFILE            s3proxy over a folder (the "provider" and "transcript" buckets)
 *   put ENDPOINT BUCKET KEY MIB   writes a MIB-sized object of random bytes
 *   plain ENDPOINT BUCKET KEY FILE   one SDK GetObject into a file (the yardstick)
 *   worker ENDPOINT BUCKET KEY    the worker's fetch step into the transcript bucket, as configured by default
 *                                 (one key reads both buckets, so the server copies the object)
 *   worker-streamed ENDPOINT BUCKET KEY   the fetch step with server-side copy off: streamed through the worker
 *   streamcopy ENDPOINT BUCKET KEY   one GetObject piped into one PutObject, no checks (the S3 server's own pace
 *                                 for reading and writing the object, on this machine)
 *   putfile ENDPOINT BUCKET KEY FILE   uploads a file
 *   putmany ENDPOINT BUCKET PREFIX COUNT DIR   uploads every file of DIR under PREFIX-i/ for i below COUNT
 *   announce AMQP_HOST PREFIX COUNT KEYS   publishes COUNT recording.ready messages for the comma-separated
 *                                 track KEYS (each recording gets its own copy under PREFIX-i/), used by
 *                                 bench/pipeline.sh
 * plain, streamcopy, worker and worker-streamed print RESULT {mib_per_s, seconds, peak_heap_used_mib,
 * peak_heap_after_gc_mib, max_heap_mib}.
 */
public class FetchBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> serve(Path.of(args[1]), Path.of(args[2]));
            case "put" -> put(args[1], args[2], args[3], Long.parseLong(args[4]));
            case "plain" -> plain(args[1], args[2], args[3], Path.of(args[4]));
            case "worker" -> worker(args[1], args[2], args[3], true);
            case "worker-streamed" -> worker(args[1], args[2], args[3], false);
            case "streamcopy" -> streamCopy(args[1], args[2], args[3]);
            case "putfile" -> putFile(args[1], args[2], args[3], Path.of(args[4]));
            case "putmany" -> putMany(args[1], args[2], args[3], Integer.parseInt(args[4]), Path.of(args[5]));
            case "announce" -> announce(args[1], args[2], Integer.parseInt(args[3]), args[4]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void serve(Path folder, Path portFile) throws Exception {
        TestS3 s3 = TestS3.start(folder);
        s3.createBucket("provider");
        s3.createBucket("transcripts");
        Files.writeString(portFile, String.valueOf(s3.endpoint().getPort()));
        Thread.currentThread().join();
    }

    static S3Client client(String endpoint) {
        return S3Client.builder().endpointOverride(java.net.URI.create(endpoint)).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.of(TestS3.REGION))
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .build();
    }

    static void put(String endpoint, String bucket, String key, long mib) {
        long size = mib * 1024 * 1024;
        try (S3Client s3 = client(endpoint)) {
            s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromContentProvider(
                    () -> new RandomStream(size), size, "application/octet-stream"));
        }
    }

    static void plain(String endpoint, String bucket, String key, Path file) throws Exception {
        HeapWatch heap = HeapWatch.start();
        long started = System.nanoTime();
        long size;
        try (S3Client s3 = client(endpoint); InputStream in = s3.getObject(request -> request.bucket(bucket).key(key))) {
            size = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        report(size, started, heap);
    }

    static void putFile(String endpoint, String bucket, String key, Path file) {
        try (S3Client s3 = client(endpoint)) {
            s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
        }
    }

    static void putMany(String endpoint, String bucket, String prefix, int count, Path dir) throws Exception {
        try (S3Client s3 = client(endpoint); var files = Files.list(dir)) {
            List<Path> all = files.toList();
            for (int i = 0; i < count; i++) {
                for (Path file : all) {
                    String key = prefix + "-" + i + "/" + file.getFileName();
                    s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
                }
            }
        }
    }

    static void announce(String host, String prefix, int count, String keys) throws Exception {
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(host);
        try (var connection = factory.newConnection(); var channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < count; i++) {
                StringBuilder list = new StringBuilder();
                for (String key : keys.split(",")) {
                    list.append(list.isEmpty() ? "" : ",").append('"').append(prefix).append('-').append(i).append('/')
                            .append(key).append('"');
                }
                String id = prefix + "-" + i;
                String body = "{\"eventId\":\"recording-ready:daily:" + id + "\",\"occurredAt\":\"" + java.time.Instant.now()
                        + "\",\"platform\":\"DAILY\",\"providerRecordingId\":\"" + id + "\",\"meetingId\":null,"
                        + "\"kind\":\"RAW_TRACKS\",\"bucket\":\"provider\",\"objectKeys\":[" + list
                        + "],\"recordedAt\":\"" + java.time.Instant.now() + "\"}";
                channel.basicPublish("recordings", "recording.ready", new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                        .contentType("application/json").deliveryMode(2).build(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    static void streamCopy(String endpoint, String bucket, String key) throws Exception {
        HeapWatch heap = HeapWatch.start();
        long started = System.nanoTime();
        long size;
        try (S3Client s3 = client(endpoint);
             var in = s3.getObject(request -> request.bucket(bucket).key(key))) {
            size = in.response().contentLength();
            s3.putObject(request -> request.bucket("transcripts").key("recordings/streamcopy/" + System.nanoTime()),
                    RequestBody.fromInputStream(in, size));
        }
        report(size, started, heap);
    }

    static void worker(String endpoint, String bucket, String key, boolean serverSideCopy) {
        HeapWatch heap = HeapWatch.start();
        long started = System.nanoTime();
        Bucket transcripts = new Bucket("transcripts", TestS3.REGION, null, TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
        StorageProperties properties = new StorageProperties(endpoint, transcripts,
                Map.of("daily", new Bucket(bucket, TestS3.REGION, "", null, null)), 8, serverSideCopy);
        S3RecordingStore.Copied copied;
        try (S3RecordingStore store = new S3RecordingStore(properties)) {
            copied = store.copy("daily", bucket, key, "recordings/bench/" + System.nanoTime(),
                    S3RecordingStore.PartListener.NONE);
        }
        if (copied.serverSide() != serverSideCopy) {
            throw new IllegalStateException("asked for " + (serverSideCopy ? "a server-side" : "a streamed")
                    + " copy, got the other");
        }
        report(copied.size(), started, heap);
    }

    static void report(long size, long started, HeapWatch heap) {
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("RESULT {\"mib_per_s\":%.1f,\"seconds\":%.2f,\"peak_heap_used_mib\":%.1f,"
                        + "\"peak_heap_after_gc_mib\":%.1f,\"max_heap_mib\":%.0f}%n",
                size / 1048576.0 / seconds, seconds, heap.peak() / 1048576.0, heap.peakAfterGc() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /**
     * Heap occupancy, sampled every 10 ms: the highest seen, and the highest left after a collection (what the
     * copy really holds; between collections the young generation fills whatever room the maximum leaves).
     */
    static final class HeapWatch {
        final AtomicLong peak = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            Thread sampler = new Thread(() -> {
                while (true) {
                    watch.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    long afterGc = ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                            .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
                    watch.peakAfterGc.accumulateAndGet(afterGc, Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            return watch;
        }

        long peak() {
            return peak.get();
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }
    }

    /** Random bytes, generated as they are read, so that writing the object needs no memory of its size. */
    static final class RandomStream extends InputStream {
        final Random random = new Random(42);
        long left;

        RandomStream(long size) {
            left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            left -= n;
            return n;
        }
    }
}
