package app.meetingbridge.gateway.webhook.daily;

import static app.meetingbridge.gateway.webhook.WebhookFields.text;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.events.provider.ParticipantLeft;
import app.meetingbridge.events.provider.RecordingFailed;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.provider.RecordingStarted;
import app.meetingbridge.events.provider.RoomSessionChanged;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.gateway.webhook.ProviderEvent;
import app.meetingbridge.gateway.webhook.WebhookFields;
import app.meetingbridge.gateway.webhook.WebhookTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Daily's event envelope {@code {version, type, id, payload, event_ts}} leniently: {@code room} or
 * {@code room_name}, float or integer times, optional fields missing. An event of a type we do not act on, or
 * without what acting would need, is kept in the inbox and acknowledged, never refused.
 */
final class DailyEvents {

    private static final double MAX_DURATION_SECONDS = 7 * 24 * 3600;

    private DailyEvents() {
    }

    static ProviderEvent read(JsonNode root, byte[] body, Instant receivedAt) {
        String id = WebhookFields.eventId(root, body);
        String type = WebhookFields.type(root);
        String raw = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode payload = root.get("payload") != null && root.get("payload").isObject() ? root.get("payload") : root;
        String room = text(payload, "room") != null ? text(payload, "room") : text(payload, "room_name");
        Instant eventTime = orElse(WebhookTimes.read(root.get("event_ts")), receivedAt);
        return switch (type) {
            case "participant.joined" -> participant(id, type, raw, payload, room, receivedAt, eventTime, true);
            case "participant.left" -> participant(id, type, raw, payload, room, receivedAt, eventTime, false);
            case "meeting.started", "meeting.ended" -> room == null ? ProviderEvent.keptOnly(id, type, raw)
                    : new ProviderEvent(id, type, raw, new RoomSessionChanged(id, receivedAt, Platform.DAILY, room,
                    null, text(payload, "meeting_id"), type.equals("meeting.started"),
                    orElse(WebhookTimes.read(payload.get(type.equals("meeting.started") ? "start_ts" : "end_ts")), eventTime)),
                    Topology.ROOM_SESSION_CHANGED);
            case "recording.started" -> text(payload, "recording_id") == null ? ProviderEvent.keptOnly(id, type, raw)
                    : new ProviderEvent(id, type, raw, new RecordingStarted(id, receivedAt, Platform.DAILY, room,
                    text(payload, "recording_id"), text(payload, "instance_id"),
                    orElse(WebhookTimes.read(payload.get("start_ts")), eventTime)), Topology.RECORDING_STARTED);
            case "recording.ready-to-download" -> recordingFinished(id, type, raw, payload, room, receivedAt, eventTime);
            case "recording.error" -> new ProviderEvent(id, type, raw, new RecordingFailed(id, receivedAt,
                    Platform.DAILY, room, text(payload, "instance_id"),
                    text(payload, "error_msg") != null ? text(payload, "error_msg") : String.valueOf(text(payload, "action")),
                    orElse(WebhookTimes.read(payload.get("timestamp")), eventTime)), Topology.RECORDING_FAILED);
            default -> ProviderEvent.keptOnly(id, type, raw);
        };
    }

    private static ProviderEvent participant(String id, String type, String raw, JsonNode payload, @Nullable String room,
                                             Instant receivedAt, Instant eventTime, boolean joined) {
        String session = text(payload, "session_id") != null ? text(payload, "session_id") : text(payload, "participant_id");
        if (room == null || session == null) {
            return ProviderEvent.keptOnly(id, type, raw);
        }
        Instant joinedAt = orElse(WebhookTimes.read(payload.get("joined_at")), eventTime);
        if (joined) {
            return new ProviderEvent(id, type, raw, new ParticipantJoined(id, receivedAt, Platform.DAILY, room, null,
                    session, text(payload, "user_id"), text(payload, "user_name"), joinedAt, null),
                    Topology.PARTICIPANT_JOINED);
        }
        Double duration = seconds(payload.get("duration"));
        Instant leftAt = duration != null && payload.get("joined_at") != null
                ? joinedAt.plusMillis(Math.round(duration * 1000)) : eventTime;
        return new ProviderEvent(id, type, raw, new ParticipantLeft(id, receivedAt, Platform.DAILY, room, null, session,
                text(payload, "user_id"), text(payload, "user_name"), leftAt, null), Topology.PARTICIPANT_LEFT);
    }

    private static ProviderEvent recordingFinished(String id, String type, String raw, JsonNode payload,
                                                   @Nullable String room, Instant receivedAt, Instant eventTime) {
        String recordingId = text(payload, "recording_id");
        if (room == null || recordingId == null) {
            return ProviderEvent.keptOnly(id, type, raw);
        }
        String kind = text(payload, "type");
        List<String> tracks = new ArrayList<>();
        JsonNode trackList = payload.get("tracks");
        if (trackList != null && trackList.isArray()) {
            for (JsonNode track : trackList) {
                if ("audio".equals(text(track, "type")) && text(track, "s3Key") != null) {
                    tracks.add(text(track, "s3Key"));
                }
            }
        }
        RecordingReady.Kind ourKind = "raw-tracks".equals(kind) ? RecordingReady.Kind.RAW_TRACKS : RecordingReady.Kind.CLOUD;
        Double duration = seconds(payload.get("duration"));
        return new ProviderEvent(id, type, raw, new RecordingFinished(id, receivedAt, Platform.DAILY, room, recordingId,
                ourKind, orElse(WebhookTimes.read(payload.get("start_ts")), eventTime),
                duration == null ? null : (int) Math.round(duration),
                text(payload, "s3_key"), tracks), Topology.RECORDING_FINISHED);
    }


    /**
     * A duration in seconds as Daily gives it, when it is one a meeting or recording can have (0 to 7 days); any
     * other number (negative, absurd, not finite) is ignored, so the event is kept without it rather than refused.
     */
    private static @Nullable Double seconds(@Nullable JsonNode duration) {
        if (duration == null || !duration.isNumber()) {
            return null;
        }
        double seconds = duration.doubleValue();
        return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_DURATION_SECONDS ? seconds : null;
    }

    private static Instant orElse(@Nullable Instant value, Instant fallback) {
        return value != null ? value : fallback;
    }
}
