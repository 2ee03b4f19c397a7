package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.recording.RecordingReady;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A recording whose object is not there yet is tried again after its pause and completes. The pauses here are
 * seconds (not the 200 ms of the other recording tests), so that writing the object after the first failure
 * always lands before the attempts run out, however busy the machine.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.bindings.recordingReady-in-0.consumer.back-off-initial-interval=100",
        "spring.cloud.stream.bindings.recordingReady-in-0.consumer.back-off-max-interval=200",
        "app.recordings.retry.first-retry=3s", "app.recordings.retry.longest-retry=6s",
        "app.recordings.retry.max-attempts=3"})
class RecordingRetryIT extends RecordingTestSupport {

    @Test
    void aRecordingThatFailsOnceIsTriedAgainAfterItsPauseAndCompletes() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/late-" + id;
        byte[] audio = tone(500, 1);

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> row(id) != null && row(id).getAttempts() == 1);
        put(key, audio); // the provider finishes writing it

        await(() -> transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        assertThat(row(id).getAttempts()).isBetween(1, 2); // a stall of over 3 s may let a retry come first
        assertThat(row(id).getState()).isEqualTo("processing");
        for (Message parked = rabbit.receive(QUEUE + ".dlq"); parked != null; parked = rabbit.receive(QUEUE + ".dlq")) {
            assertThat(new String(parked.getBody())).doesNotContain(id);
        }
    }
}
