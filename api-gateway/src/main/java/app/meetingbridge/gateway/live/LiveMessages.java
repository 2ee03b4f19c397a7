package app.meetingbridge.gateway.live;

import app.meetingbridge.events.transcript.TranscriptEvent;
import app.meetingbridge.messaging.WireFormat;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The socket messages, in Reflector's shapes: on a transcript's socket {@code {"event": E, "data": D}} as the event
 * was logged; on the owner's {@code /v1/events} socket the few events its transcript list follows, under their user
 * names and with the transcript's {@code id} in {@code data} ({@code STATUS} becomes {@code TRANSCRIPT_STATUS}
 * {@code {id, value}}, {@code FINAL_TITLE} {@code TRANSCRIPT_FINAL_TITLE} {@code {id, title}}, {@code DURATION}
 * {@code TRANSCRIPT_DURATION} {@code {id, duration}}; {@code TRANSCRIPT_CREATED} and {@code TRANSCRIPT_DELETED}
 * {@code {id}} as they are).
 */
final class LiveMessages {

    static final Map<String, String> USER_EVENTS = Map.of(
            "STATUS", "TRANSCRIPT_STATUS",
            "FINAL_TITLE", "TRANSCRIPT_FINAL_TITLE",
            "DURATION", "TRANSCRIPT_DURATION",
            "TRANSCRIPT_CREATED", "TRANSCRIPT_CREATED",
            "TRANSCRIPT_DELETED", "TRANSCRIPT_DELETED");

    private static final JsonMapper JSON = WireFormat.json();

    private LiveMessages() {
    }

    /** A transcript socket's message; {@code dataJson} is the data object as logged. */
    static String transcript(String event, String dataJson) {
        return "{\"event\":" + JSON.writeValueAsString(event) + ",\"data\":" + dataJson + "}";
    }

    /** The owner's socket's message for the event, if its list follows that event. */
    static Optional<String> user(TranscriptEvent event) {
        String name = USER_EVENTS.get(event.event());
        if (name == null) {
            return Optional.empty();
        }
        ObjectNode data = JSON.createObjectNode();
        data.put("id", event.transcriptId());
        JsonNode given = JSON.readTree(event.dataJson());
        given.properties().forEach(field -> {
            if (!field.getKey().equals("id")) {
                data.set(field.getKey(), field.getValue());
            }
        });
        ObjectNode message = JSON.createObjectNode();
        message.put("event", name);
        message.set("data", data);
        return Optional.of(JSON.writeValueAsString(message));
    }
}
