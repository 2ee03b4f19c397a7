package app.meetingbridge.events;

import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.DeactivateMeeting;
import app.meetingbridge.events.meeting.IssueJoinToken;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.MeetingCreated;
import app.meetingbridge.events.meeting.StartRecording;
import app.meetingbridge.events.meeting.SyncCalendar;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.events.provider.ParticipantLeft;
import app.meetingbridge.events.provider.RecordingFailed;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.provider.RecordingStarted;
import app.meetingbridge.events.provider.RoomSessionChanged;
import app.meetingbridge.events.recording.ConsentRefused;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.recording.ReprocessRequested;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.events.recording.UploadCompleted;
import app.meetingbridge.events.transcript.TranscriptEvent;
import java.util.Map;

/**
 * The stable wire name of each message record. Messages carry this name (AMQP {@code type} and the JSON type
 * header), never a Java class name, so records can move or be renamed without breaking a consumer.
 */
public final class WireNames {

    private static final Map<String, Class<?>> BY_NAME = Map.ofEntries(
            Map.entry(Topology.MEETING_CREATE, CreateMeeting.class),
            Map.entry(Topology.MEETING_CREATE_REPLY, MeetingCreateReply.class),
            Map.entry(Topology.MEETING_CREATED, MeetingCreated.class),
            Map.entry(Topology.MEETING_JOIN_TOKEN, IssueJoinToken.class),
            Map.entry(Topology.MEETING_START_RECORDING, StartRecording.class),
            Map.entry(Topology.MEETING_DEACTIVATE, DeactivateMeeting.class),
            Map.entry(Topology.MEETING_COMMAND_REPLY, CommandReply.class),
            Map.entry(Topology.CALENDAR_SYNC, SyncCalendar.class),
            Map.entry(Topology.CALENDAR_SYNC_REPLY, CalendarSyncReply.class),
            Map.entry(Topology.RECORDING_READY, RecordingReady.class),
            Map.entry(Topology.RECORDING_REPROCESS, ReprocessRequested.class),
            Map.entry(Topology.UPLOAD_COMPLETED, UploadCompleted.class),
            Map.entry(Topology.TRANSCRIPT_COMPLETED, TranscriptCompleted.class),
            Map.entry(Topology.TRANSCRIPT_EVENT, TranscriptEvent.class),
            Map.entry(Topology.CONSENT_REFUSED, ConsentRefused.class),
            Map.entry(Topology.PARTICIPANT_JOINED, ParticipantJoined.class),
            Map.entry(Topology.PARTICIPANT_LEFT, ParticipantLeft.class),
            Map.entry(Topology.ROOM_SESSION_CHANGED, RoomSessionChanged.class),
            Map.entry(Topology.RECORDING_STARTED, RecordingStarted.class),
            Map.entry(Topology.RECORDING_FAILED, RecordingFailed.class),
            Map.entry(Topology.RECORDING_FINISHED, RecordingFinished.class));

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
