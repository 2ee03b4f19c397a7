package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import app.meetingbridge.messaging.DeadLetters;
import app.meetingbridge.recordings.recording.RecordingRoute.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.support.AmqpHeaders;

class RecordingRouteTest {

    @Test
    void readsTheMessageFromTheRoutingKeyItArrivedWith() {
        assertThat(RecordingRoute.of(Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, Topology.RECORDING_READY)))
                .isEqualTo(new RecordingRoute(Topology.RECORDING_READY, Kind.READY));
        assertThat(RecordingRoute.of(Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, Topology.RECORDING_REPROCESS)).kind())
                .isEqualTo(Kind.REPROCESS);
        assertThat(RecordingRoute.of(Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, Topology.CONSENT_REFUSED)).kind())
                .isEqualTo(Kind.CONSENT_REFUSED);
    }

    @Test
    void readsARedrivenMessageAsWhatItWasFirstSentAs() {
        Map<String, Object> redriven = Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, "recordings.recording-worker",
                DeadLetters.ORIGINAL_ROUTING_KEY, Topology.RECORDING_REPROCESS);

        assertThat(RecordingRoute.of(redriven)).isEqualTo(new RecordingRoute(Topology.RECORDING_REPROCESS,
                Kind.REPROCESS));
    }

    @Test
    void prefersTheRoutingKeyTheWorkerKeptWhenAMessageCameBackFromAPause() {
        Map<String, Object> back = Map.of(AmqpHeaders.RECEIVED_ROUTING_KEY, "recordings.recording-worker",
                DeadLetters.ORIGINAL_ROUTING_KEY, Topology.RECORDING_READY,
                RecordingRoute.ROUTING_KEY, Topology.CONSENT_REFUSED);

        assertThat(RecordingRoute.of(back).kind()).isEqualTo(Kind.CONSENT_REFUSED);
    }

    @Test
    void readsTheWorkersOwnNoteWhateverTheRoutingKey() {
        assertThat(RecordingRoute.of(Map.of(RecordingRoute.RETRY, true, AmqpHeaders.RECEIVED_ROUTING_KEY,
                "recordings.recording-worker")).kind()).isEqualTo(Kind.RETRY_DUE);
    }

    @Test
    void namesTheMessageInTheLog() {
        RecordingRoute ready = new RecordingRoute(Topology.RECORDING_READY, Kind.READY);

        assertThat(ready.describe(Map.of(AmqpHeaders.MESSAGE_ID, "42"))).isEqualTo("recording.ready message 42");
        assertThat(ready.describe(Map.of())).isEqualTo("a recording.ready message");
    }
}
