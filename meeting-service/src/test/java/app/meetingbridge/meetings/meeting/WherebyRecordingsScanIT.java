package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.RECORDING_POLL_STATE;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.MeetingServiceTestSupport;
import app.meetingbridge.meetings.RecordingReadyObserver;
import app.meetingbridge.testsupport.TestS3;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

/**
 * The Whereby bucket scan against a real S3 API (s3proxy): recordings named {@code {room}-{ISO start}.mp4} are
 * announced once, linked to the meeting of that Whereby room; a recording whose name says no room is announced
 * unlinked; other objects are not recordings.
 */
@TestPropertySource(properties = {"app.lifecycle.whereby-scan-interval=1h",
        "app.lifecycle.recordings-poll-initial-delay=1h"})
class WherebyRecordingsScanIT extends MeetingServiceTestSupport {

    static final String BUCKET = "whereby-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    WherebyRecordingsScan scan;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

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
    }

    @BeforeEach
    void observe() {
        observer = new RecordingReadyObserver(admin, rabbit);
        db.deleteFrom(RECORDING_POLL_STATE).execute();
    }

    @AfterEach
    void stopObserving() {
        observer.close();
    }

    String wherebyMeeting(String providerRoomName) {
        String room = roomId(aRoom("whereby"));
        String id = UUID.randomUUID().toString();
        db.insertInto(MEETING).set(MEETING.ID, id).set(MEETING.ROOM_ID, room).set(MEETING.PLATFORM, "whereby")
                .set(MEETING.PROVIDER_MEETING_ID, "wb-" + id).set(MEETING.PROVIDER_ROOM_NAME, providerRoomName)
                .set(MEETING.ROOM_URL, "https://acme.whereby.com" + providerRoomName)
                .set(MEETING.HOST_ROOM_URL, "https://acme.whereby.com" + providerRoomName)
                .set(MEETING.START_DATE, Instant.now()).set(MEETING.END_DATE, Instant.now().plusSeconds(3600))
                .set(MEETING.IS_LOCKED, false).set(MEETING.ROOM_MODE, "normal").set(MEETING.RECORDING_TYPE, "cloud")
                .set(MEETING.RECORDING_TRIGGER, "automatic-2nd-participant").execute();
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
        List<RecordingReady> seen = observer.all(5000);
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
        assertThat(observer.all(2000)).isEmpty();
    }
}
