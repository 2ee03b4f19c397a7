package app.meetingbridge.events;

import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.DeactivateMeeting;
import app.meetingbridge.events.meeting.IssueJoinToken;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingCreated;
import app.meetingbridge.events.meeting.StartRecording;
import app.meetingbridge.events.recording.RecordingReady;
import java.util.Map;

/**
 * The stable wire name of each message record. Messages carry this name (AMQP {@code type} and the JSON type
 * header), never a Java class name, so records can move or be renamed without breaking a consumer.
 */
public final class WireNames {

    private static final Map<String, Class<?>> BY_NAME = Map.of(
            Topology.MEETING_CREATE, CreateMeeting.class,
            Topology.MEETING_CREATE_REPLY, MeetingCreateReply.class,
            Topology.MEETING_CREATED, MeetingCreated.class,
            Topology.MEETING_JOIN_TOKEN, IssueJoinToken.class,
            Topology.MEETING_START_RECORDING, StartRecording.class,
            Topology.MEETING_DEACTIVATE, DeactivateMeeting.class,
            Topology.MEETING_COMMAND_REPLY, CommandReply.class,
            Topology.RECORDING_READY, RecordingReady.class);

    private WireNames() {
    }

    /** Wire name to record class, for message converters. */
    public static Map<String, Class<?>> all() {
        return BY_NAME;
    }

    /** The wire name of a message record; fails for a class that is not a message. */
    public static String of(Class<?> messageType) {
        return BY_NAME.entrySet().stream()
                .filter(entry -> entry.getValue().equals(messageType))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(messageType.getSimpleName() + " has no wire name"));
    }
}
