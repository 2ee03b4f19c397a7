package app.meetingbridge.meetings.recordings;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.RECORDING_POLL_STATE;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.meetings.RecordingReadyObserver;
import app.meetingbridge.meetings.TestSqs;
import app.meetingbridge.testsupport.Fixtures;
import app.meetingbridge.testsupport.TestS3;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Whereby's recordings found in its bucket, against a real S3 API (s3proxy) and a real SQS API (ElasticMQ):
 * through the bucket's S3 events on the queue, and through the bucket scan. Recordings named
 * {@code {room}-{ISO start}.mp4} are announced once, linked to the meeting of that Whereby room; a recording whose
 * name says no room is announced unlinked; other objects are not recordings.
 */
@TestPropertySource(properties = {"app.lifecycle.whereby-scan-interval=1h",
        "app.lifecycle.recordings-poll-initial-delay=1h"})
class WherebyRecordingsIT extends MeetingServiceTestSupport {

    static final String BUCKET = "whereby-" + UUID.randomUUID().toString().substring(0, 8);
    static final String QUEUE = "whereby-events-" + UUID.randomUUID().toString().substring(0, 8);
    static String queueUrl;
    static String deadLetterUrl;

    @Autowired
    BucketRecordingsScan scan;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    MeterRegistry meters;

    RecordingReadyObserver observer;

    @DynamicPropertySource
    static void wherebySettings(DynamicPropertyRegistry registry) {
        TestS3 s3 = TestS3.shared();
        s3.createBucket(BUCKET);
        registry.add("app.providers.whereby.api-key", () -> "whereby-key");
        registry.add("app.providers.whereby.storage-bucket", () -> BUCKET);
        registry.add("app.providers.whereby.storage-region", () -> TestS3.REGION);
        registry.add("app.providers.whereby.storage-access-key-id", () -> TestS3.ACCESS_KEY);
        registry.add("app.providers.whereby.storage-secret-access-key", () -> TestS3.SECRET_KEY);
        registry.add("S3_ENDPOINT", () -> s3.endpoint().toString());
        deadLetterUrl = TestSqs.shared().createQueue(QUEUE + "-dlq");
        queueUrl = TestSqs.shared().createQueue(QUEUE, 1, deadLetterUrl, 2);
        registry.add("AWS_PROCESS_RECORDING_QUEUE_URL", () -> queueUrl);
        registry.add("TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID", () -> TestSqs.ACCESS_KEY);
        registry.add("TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY", () -> TestSqs.SECRET_KEY);
    }

    @BeforeEach
    void observe() {
        observer = new RecordingReadyObserver(admin, rabbit);
        db.deleteFrom(RECORDING_POLL_STATE).execute();
    }

    @AfterEach
    void stopObservingAndEmptyTheBucket() {
        observer.close();
        try (S3Client s3 = TestS3.shared().client()) {
            s3.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents()
                    .forEach(object -> s3.deleteObject(request -> request.bucket(BUCKET).key(object.key())));
        }
    }

    String wherebyMeeting(String providerRoomName) {
        String room = roomId(aRoom("whereby"));
        String id = Fixtures.aMeeting().inRoom(room).onPlatform("whereby").providerRoomNamed(providerRoomName)
                .startedAt(Instant.now())
                .with(MEETING.ROOM_URL, "https://acme.whereby.com" + providerRoomName)
                .with(MEETING.HOST_ROOM_URL, "https://acme.whereby.com" + providerRoomName)
                .insert(db);
        return id;
    }

    @Test
    void announcesEachRecordingInTheBucketOnceLinkedToItsMeetingByTheRoomInItsName() {
        String roomName = "/team" + UUID.randomUUID().toString().substring(0, 8) + "-" + UUID.randomUUID();
        String meeting = wherebyMeeting(roomName);
        String linked = roomName.substring(1) + "-2026-11-26T10:00:00Z.mp4";
        String unlinked = "mystery-" + UUID.randomUUID() + ".mp4";
        try (S3Client s3 = TestS3.shared().client()) {
            s3.putObject(request -> request.bucket(BUCKET).key(linked), RequestBody.fromString("video"));
            s3.putObject(request -> request.bucket(BUCKET).key(unlinked), RequestBody.fromString("video"));
            s3.putObject(request -> request.bucket(BUCKET).key("notes-" + UUID.randomUUID() + ".txt"),
                    RequestBody.fromString("not a recording"));
        }

        int first = scan.scanOnce();
        List<RecordingReady> seen = observer.remaining();
        int second = scan.scanOnce();

        assertThat(first).isEqualTo(2);
        assertThat(seen).hasSize(2);
        RecordingReady ours = seen.stream().filter(ready -> ready.providerRecordingId().equals(linked)).findFirst()
                .orElseThrow();
        assertThat(ours.meetingId()).isEqualTo(meeting);
        assertThat(ours.bucket()).isEqualTo(BUCKET);
        assertThat(ours.objectKeys()).containsExactly(linked);
        assertThat(ours.recordedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(seen.stream().filter(ready -> ready.providerRecordingId().equals(unlinked)).findFirst()
                .orElseThrow().meetingId()).isNull();
        assertThat(second).isEqualTo(2); // found again within the overlap, but not announced again
        assertThat(observer.remaining()).isEmpty();
    }

    @Test
    void anObjectTheDatabaseRefusesIsSkippedAndTheRestAreAnnouncedAndTheMarkMoves() {
        String good = "plain-" + UUID.randomUUID() + ".mp4";
        String overLong = "deep/" + "folder-of-forty-characters-abcdefghijklm/".repeat(8) + UUID.randomUUID() + ".mp4";
        try (S3Client s3 = TestS3.shared().client()) {
            s3.putObject(request -> request.bucket(BUCKET).key(overLong), RequestBody.fromString("video"));
            s3.putObject(request -> request.bucket(BUCKET).key(good), RequestBody.fromString("video"));
        }

        scan.scan(); // as scheduled: inside the job lock's transaction

        assertThat(overLong).hasSizeGreaterThan(300);
        assertThat(observer.remaining()).extracting(RecordingReady::providerRecordingId).containsExactly(good);
        assertThat(db.fetchSingle(RECORDING_POLL_STATE).getHighWaterMark()).isAfter(Instant.now().minusSeconds(600));
    }

    @Test
    void announcesTheRecordingAnS3EventNamesLinkedToItsMeetingAndDeletesTheMessage() {
        String roomName = "/team" + UUID.randomUUID().toString().substring(0, 8) + "-" + UUID.randomUUID();
        String meeting = wherebyMeeting(roomName);
        String key = roomName.substring(1) + "-2026-11-26T10:00:00.250Z.mp4";

        send(objectCreated(BUCKET, key));
        RecordingReady ready = observer.next(RecordingReadyObserver.PATIENCE.toMillis());

        assertThat(ready).isNotNull();
        assertThat(ready.providerRecordingId()).isEqualTo(key);
        assertThat(ready.meetingId()).isEqualTo(meeting);
        assertThat(ready.bucket()).isEqualTo(BUCKET);
        assertThat(ready.objectKeys()).containsExactly(key);
        assertThat(ready.recordedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00.250Z"));
        awaitEmpty(queueUrl);
    }

    @Test
    void aRecordingTwoEventsAndTheScanAllFindIsAnnouncedOnce() {
        String roomName = "/team" + UUID.randomUUID().toString().substring(0, 8) + "-" + UUID.randomUUID();
        wherebyMeeting(roomName);
        String key = roomName.substring(1) + "-2026-11-26T11:00:00Z.mp4";
        try (S3Client s3 = TestS3.shared().client()) {
            s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromString("video"));
        }

        send(objectCreated(BUCKET, key));
        send(objectCreated(BUCKET, key));
        awaitEmpty(queueUrl);
        scan.scanOnce();

        assertThat(observer.remaining()).extracting(RecordingReady::providerRecordingId).containsExactly(key);
    }

    @Test
    void readsEventsThatCameThroughSnsAndDecodesKeysAsS3EncodesThem() {
        String key = "mystery room+" + UUID.randomUUID() + ".mkv";
        String notification = objectCreated(BUCKET, key);
        String sns = "{\"Type\":\"Notification\",\"MessageId\":\"" + UUID.randomUUID()
                + "\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:whereby-recordings\","
                + "\"Subject\":\"Amazon S3 Notification\",\"Message\":" + quoted(notification)
                + ",\"Timestamp\":\"2026-11-26T10:00:01.000Z\"}";

        double unlinked = meters.counter("recordings.unlinked", "provider", "whereby").count();
        send(sns);
        RecordingReady ready = observer.next(RecordingReadyObserver.PATIENCE.toMillis());

        assertThat(ready).isNotNull();
        assertThat(ready.providerRecordingId()).isEqualTo(key);
        assertThat(ready.meetingId()).isNull(); // kept, and reported
        assertThat(meters.counter("recordings.unlinked", "provider", "whereby").count()).isEqualTo(unlinked + 1);
        awaitEmpty(queueUrl);
    }

    @Test
    void eventsOfAnotherBucketOfObjectsThatAreNotVideosAndS3sTestEventAnnounceNothingAndAreDeleted() {
        send(objectCreated("someone-elses-bucket", "team-x-2026-11-26T10:00:00Z.mp4"));
        send(objectCreated(BUCKET, "notes-" + UUID.randomUUID() + ".txt"));
        send("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-26T10:00:00.000Z\","
                + "\"Bucket\":\"" + BUCKET + "\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw\"}");

        awaitEmpty(queueUrl);
        assertThat(observer.remaining()).isEmpty();
    }

    @Test
    void aMessageThatIsNotAnS3EventIsKeptUntilTheQueueMovesItToItsDeadLetterQueueAndTheOthersStillFlow() {
        String garbage = "{\"Records\": \"not a list " + UUID.randomUUID() + "\"}";
        String key = "mystery-" + UUID.randomUUID() + ".mp4";

        send(garbage);
        send("not json at all");
        send(objectCreated(BUCKET, key));

        assertThat(observer.next(RecordingReadyObserver.PATIENCE.toMillis()).providerRecordingId()).isEqualTo(key);
        try (SqsClient sqs = TestSqs.shared().client()) {
            List<String> parked = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                sqs.receiveMessage(request -> request.queueUrl(deadLetterUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages().forEach(message -> {
                            parked.add(message.body());
                            sqs.deleteMessage(delete -> delete.queueUrl(deadLetterUrl)
                                    .receiptHandle(message.receiptHandle()));
                        });
                assertThat(parked).containsExactlyInAnyOrder(garbage, "not json at all");
            });
        }
        awaitEmpty(queueUrl);
    }

    void send(String body) {
        try (SqsClient sqs = TestSqs.shared().client()) {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
        }
    }

    /** S3's notification (event version 2.1) of an object written, its key form-encoded as S3 writes it. */
    static String objectCreated(String bucket, String key) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"2026-11-26T10:05:00.123Z","eventName":"ObjectCreated:CompleteMultipartUpload",
                "userIdentity":{"principalId":"AWS:AIDAJDPLRKLG7UEXAMPLE"},
                "requestParameters":{"sourceIPAddress":"203.0.113.5"},
                "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"whereby-recordings",
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":1048576,"eTag":"d41d8cd98f00b204e9800998ecf8427e-3","sequencer":"0055AED6DCD90281E5"}}}]}
                """.formatted(bucket, bucket, URLEncoder.encode(key, StandardCharsets.UTF_8));
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Waits until the queue holds nothing, neither waiting nor being dealt with. */
    static void awaitEmpty(String url) {
        try (SqsClient sqs = TestSqs.shared().client()) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
                assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("0");
            });
        }
    }
}
