package app.meetingbridge.gateway.webhook.whereby;

import static app.meetingbridge.gateway.webhook.WebhookFields.text;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.events.provider.ParticipantLeft;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.provider.RoomSessionChanged;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.gateway.webhook.ProviderEvent;
import app.meetingbridge.gateway.webhook.WebhookFields;
import app.meetingbridge.gateway.webhook.WebhookTimes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Whereby's envelope {@code {id, apiVersion, createdAt, type, data}}. Join and leave carry the room's
 * absolute {@code numClients}, which is what the meeting's count becomes (order-independent); Whereby may send
 * an event twice and out of order, hence the inbox's dedup on {@code id}.
 */
final class WherebyEvents {

    private WherebyEvents() {
    }

    static ProviderEvent read(JsonNode root, byte[] body, Instant receivedAt) {
        String id = WebhookFields.eventId(root, body);
        String type = WebhookFields.type(root);
        String raw = new String(body, StandardCharsets.UTF_8);
        JsonNode data = root.get("data") != null && root.get("data").isObject() ? root.get("data") : root;
        String roomName = text(data, "roomName");
        String meetingId = text(data, "meetingId");
        Instant at = WebhookTimes.read(root.get("createdAt"));
        Instant when = at != null ? at : receivedAt;
        if (roomName == null && meetingId == null) {
            return ProviderEvent.keptOnly(id, type, raw);
        }
        String room = roomName != null ? roomName : meetingId;
        return switch (type) {
            case "room.client.joined", "room.client.left" -> participant(id, type, raw, data, room, meetingId,
                    receivedAt, when);
            case "room.session.started", "room.session.ended" -> new ProviderEvent(id, type, raw,
                    new RoomSessionChanged(id, receivedAt, Platform.WHEREBY, room, meetingId,
                            text(data, "roomSessionId"), type.equals("room.session.started"), when),
                    Topology.ROOM_SESSION_CHANGED);
            case "recording.finished" -> recording(id, type, raw, data, room, receivedAt, when);
            default -> ProviderEvent.keptOnly(id, type, raw);
        };
    }

    /**
     * A recording is known by its file in the Whereby bucket (what the bucket's S3 events and the bucket scan find
     * too), so that every road to it leads to one recording; Whereby's own recording id only when no file is named.
     */
    private static ProviderEvent recording(String id, String type, String raw, JsonNode data, String room,
                                           Instant receivedAt, Instant when) {
        String filename = text(data, "filename");
        String recordingId = filename != null ? filename : text(data, "recordingId");
        if (recordingId == null) {
            return ProviderEvent.keptOnly(id, type, raw);
        }
        return new ProviderEvent(id, type, raw, new RecordingFinished(id, receivedAt, Platform.WHEREBY, room,
                recordingId, RecordingReady.Kind.CLOUD, when, null, filename, List.of()), Topology.RECORDING_FINISHED);
    }

    private static ProviderEvent participant(String id, String type, String raw, JsonNode data, String room,
                                             @Nullable String meetingId, Instant receivedAt, Instant when) {
        String session = text(data, "participantId") != null ? text(data, "participantId") : text(data, "roomSessionId");
        if (session == null) {
            return ProviderEvent.keptOnly(id, type, raw);
        }
        JsonNode count = data.get("numClients");
        Integer numClients = count != null && count.canConvertToInt() ? count.intValue() : null;
        String userId = text(data, "externalId");
        String userName = text(data, "displayName");
        if (type.equals("room.client.joined")) {
            return new ProviderEvent(id, type, raw, new ParticipantJoined(id, receivedAt, Platform.WHEREBY, room,
                    meetingId, session, userId, userName, when, numClients), Topology.PARTICIPANT_JOINED);
        }
        return new ProviderEvent(id, type, raw, new ParticipantLeft(id, receivedAt, Platform.WHEREBY, room, meetingId,
                session, userId, userName, when, numClients), Topology.PARTICIPANT_LEFT);
    }

}
