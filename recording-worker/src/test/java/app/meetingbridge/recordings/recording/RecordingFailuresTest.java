package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import app.meetingbridge.events.Topology;
import app.meetingbridge.messaging.OutageRetry;
import app.meetingbridge.recordings.recording.RecordingFailures.DeadLetter;
import app.meetingbridge.recordings.recording.RecordingFailures.HandBack;
import app.meetingbridge.recordings.recording.RecordingFailures.Rethrow;
import app.meetingbridge.recordings.recording.RecordingFailures.RetryDue;
import app.meetingbridge.recordings.recording.RecordingFailures.RetryRecording;
import app.meetingbridge.recordings.recording.RecordingFailures.TakeAgain;
import app.meetingbridge.recordings.storage.StorageException;
import app.meetingbridge.recordings.storage.StorageException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.json.JsonMapper;

class RecordingFailuresTest {

    private static final RecordingRetryProperties RETRY = new RecordingRetryProperties(Duration.ofSeconds(30),
            Duration.ofHours(1), 8, Duration.ofSeconds(30), 3);
    private static final RecordingFailures FAILURES = new RecordingFailures(RETRY);
    private static final Map<String, Object> READY = Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY,
            Topology.RECORDING_READY, AmqpHeaders.MESSAGE_ID, "m-1");
    private static final Recording RECORDING = new Recording("r-1", "daily", "p-1", "m", "cloud", "b",
            List.of("acme/r/1"), RecordingState.FETCHING, 2, null);

    private static RecordingFailures.Outcome after(RuntimeException failure, Map<String, Object> headers) {
        return FAILURES.after(failure, RecordingRoute.of(headers), headers);
    }

    @Test
    void deadLettersAMessageNoAttemptCanTakeAtOnce() {
        RuntimeException notJson = new RuntimeException("wrapped");
        try {
            JsonMapper.builder().build().readTree("{not json");
        } catch (RuntimeException e) {
            notJson = e;
        }

        for (RuntimeException unusable : List.of(notJson, new UnusableMessage("no platform", null),
                new DataIntegrityViolationException("value too long"))) {
            assertThat(after(unusable, READY)).as(unusable.toString())
                    .isEqualTo(new DeadLetter(READY, unusable, null));
        }
    }

    @Test
    void parksAFailedRecordingForItsPauseAsANoteToTryItAgain() {
        RecordingFailed failed = new RecordingFailed(RECORDING, new IllegalStateException("fetch"),
                Duration.ofMinutes(2));

        assertThat(after(failed, READY)).isEqualTo(new RetryRecording(Duration.ofMinutes(2),
                new RetryDue("r-1", "daily", "p-1")));
    }

    @Test
    void deadLettersARecordingGivenUpOnWithoutItsStorageFailureCount() {
        Map<String, Object> counted = Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, Topology.RECORDING_READY,
                RecordingFailures.OUTAGES, 2);
        RecordingFailed givenUp = new RecordingFailed(RECORDING, new IllegalStateException("transcribe"), null);

        assertThat(after(givenUp, counted)).isInstanceOfSatisfying(DeadLetter.class, dead -> {
            assertThat(dead.reason()).isEqualTo("given up on recording p-1 after its last attempt: transcribe");
            assertThat(dead.headers()).doesNotContainKey(RecordingFailures.OUTAGES);
        });
    }

    @Test
    void handsBackAMessageAnOutageOutlastedKeepingTheRoutingKeyItWasTakenFor() {
        Map<String, Object> redriven = Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, "recordings.recording-worker",
                "x-original-routingKey", Topology.CONSENT_REFUSED);

        assertThat(after(mock(OutageRetry.StillDown.class), redriven)).isInstanceOfSatisfying(HandBack.class,
                back -> assertThat(back.headers()).containsEntry(RecordingRoute.ROUTING_KEY, Topology.CONSENT_REFUSED)
                        .containsEntry("x-original-routingKey", Topology.CONSENT_REFUSED));
    }

    @Test
    void takesARefusedConsentAgainWhileTheStorageIsDownUpToTheLimit() {
        Map<String, Object> consent = Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, Topology.CONSENT_REFUSED);
        StorageException down = new StorageException(Reason.UNAVAILABLE, "no answer");

        assertThat(after(down, consent)).isEqualTo(new TakeAgain(Duration.ofSeconds(30),
                Map.of(RecordingRoute.ROUTING_KEY, Topology.CONSENT_REFUSED, RecordingFailures.OUTAGES, 1), 1, 3));
        Map<String, Object> third = Map.of(RecordingRoute.ROUTING_KEY, Topology.CONSENT_REFUSED,
                RecordingFailures.OUTAGES, 3);
        assertThat(after(down, third)).isEqualTo(new DeadLetter(Map.of(RecordingRoute.ROUTING_KEY,
                Topology.CONSENT_REFUSED), down, null));
    }

    @Test
    void keepsTheRetryNoteWhenItIsTakenAgainAfterAStorageFailure() {
        Map<String, Object> note = Map.of(RecordingRoute.RETRY, true, AmqpHeaders.RECEIVED_ROUTING_KEY,
                "recordings.recording-worker");

        assertThat(after(new StorageException(Reason.UNAVAILABLE, "no answer"), note))
                .isInstanceOfSatisfying(TakeAgain.class, again -> assertThat(again.headers())
                        .containsEntry(RecordingRoute.RETRY, true).containsEntry(RecordingFailures.OUTAGES, 1));
    }

    @Test
    void deadLettersAStorageFailureThatTryingAgainCannotHelp() {
        StorageException refused = new StorageException(Reason.REFUSED, "outside the folder");

        assertThat(after(refused, READY)).isEqualTo(new DeadLetter(READY, refused, null));
    }

    @Test
    void leavesAnyOtherFailureToTheBinding() {
        IllegalStateException other = new IllegalStateException("bug");

        assertThat(after(other, READY)).isEqualTo(new Rethrow(other));
    }
}
