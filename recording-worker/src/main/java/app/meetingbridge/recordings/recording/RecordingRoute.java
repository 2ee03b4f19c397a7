package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.Topology;
import app.meetingbridge.messaging.DeadLetters;
import java.util.Map;
import org.springframework.amqp.support.AmqpHeaders;

/**
 * Which message of the recordings queue this is, read from its headers: the worker's own note to try a recording
 * again (header {@value #RETRY}), or what its routing key says ({@code recording.reprocess}, {@code consent.refused},
 * otherwise {@code recording.ready}). The routing key is ours when it came back from a pause
 * ({@value #ROUTING_KEY}), where it was first sent when an operator redrove it or it came back after an outage, and
 * the one it arrived with otherwise.
 */
record RecordingRoute(String routingKey, Kind kind) {

    static final String RETRY = "x-meetingbridge-retry";
    static final String ROUTING_KEY = "x-meetingbridge-routing-key";

    enum Kind { RETRY_DUE, REPROCESS, CONSENT_REFUSED, READY }

    static RecordingRoute of(Map<String, Object> headers) {
        String routingKey = String.valueOf(headers.getOrDefault(ROUTING_KEY,
                headers.getOrDefault(DeadLetters.ORIGINAL_ROUTING_KEY, headers.get(AmqpHeaders.RECEIVED_ROUTING_KEY))));
        Kind kind = headers.containsKey(RETRY) ? Kind.RETRY_DUE
                : Topology.RECORDING_REPROCESS.equals(routingKey) ? Kind.REPROCESS
                : Topology.CONSENT_REFUSED.equals(routingKey) ? Kind.CONSENT_REFUSED
                : Kind.READY;
        return new RecordingRoute(routingKey, kind);
    }

    /** The message in the log: "recording.ready message 42", or "a recording.ready message" without an id. */
    String describe(Map<String, Object> headers) {
        Object id = headers.get(AmqpHeaders.MESSAGE_ID);
        return id == null ? "a " + routingKey + " message" : routingKey + " message " + id;
    }
}
