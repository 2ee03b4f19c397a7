package app.meetingbridge.events;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every exchange, routing key and shared queue name, in one place. */
public final class Topology {

    /** Topic exchange for facts about meetings ({@code meeting.*}). */
    public static final String MEETINGS_EXCHANGE = "meetings";
    /** Direct exchange for the requests meeting-service answers. */
    public static final String MEETING_COMMANDS_EXCHANGE = "meetings.commands";
    /** Topic exchange for what the providers' webhooks reported (participant.*, room.*, recording.* facts). */
    public static final String PROVIDER_EVENTS_EXCHANGE = "provider-events";
    /** Topic exchange for facts about recordings ({@code recording.*}). */
    public static final String RECORDINGS_EXCHANGE = "recordings";
    /**
     * Topic exchange for what happens to transcripts ({@code transcript.event}), for the live sockets: each gateway
     * instance binds a queue of its own that lives as long as its connection.
     */
    public static final String TRANSCRIPTS_EXCHANGE = "transcripts";

    public static final String MEETING_CREATE = "meeting.create";
    public static final String MEETING_CREATE_REPLY = "meeting.create.reply";
    public static final String MEETING_CREATED = "meeting.created";
    public static final String MEETING_JOIN_TOKEN = "meeting.join-token";
    public static final String MEETING_START_RECORDING = "meeting.start-recording";
    public static final String MEETING_DEACTIVATE = "meeting.deactivate";
    public static final String MEETING_COMMAND_REPLY = "meeting.command.reply";
    public static final String CALENDAR_SYNC = "calendar.sync";
    public static final String CALENDAR_SYNC_REPLY = "calendar.sync.reply";
    public static final String RECORDING_READY = "recording.ready";
    public static final String RECORDING_REPROCESS = "recording.reprocess";
    /** Every chunk of a file uploaded to a transcript is stored, on {@link #RECORDINGS_EXCHANGE}. */
    public static final String UPLOAD_COMPLETED = "upload.completed";
    public static final String TRANSCRIPT_COMPLETED = "transcript.completed";
    public static final String CONSENT_REFUSED = "consent.refused";
    public static final String TRANSCRIPT_EVENT = "transcript.event";
    public static final String PARTICIPANT_JOINED = "participant.joined";
    public static final String PARTICIPANT_LEFT = "participant.left";
    public static final String ROOM_SESSION_CHANGED = "room.session-changed";
    public static final String RECORDING_STARTED = "recording.started";
    public static final String RECORDING_FAILED = "recording.failed";
    public static final String RECORDING_FINISHED = "recording.finished";

    /**
     * Facts published for whoever listens, which no durable consumer of ours waits for (transcript events are for the
     * sockets open at the moment; with no gateway running there is nobody to tell, and the event log keeps them for
     * later): the outbox takes one as sent once the broker confirmed it, whether or not a queue took it. Every other message must reach a queue (where its consumer has
     * never started, the queue does not exist yet): the outbox keeps it until one does.
     */
    public static final Set<String> FACTS_WITHOUT_CONSUMER = Set.of(MEETING_CREATED, TRANSCRIPT_EVENT);

    /**
     * The request queue of {@code meeting.create}. A classic queue: a request is worth nothing once its caller
     * stopped waiting, so requests carry an expiry and are not persisted.
     */
    public static final String MEETING_CREATE_QUEUE = "meeting-service.meeting.create";
    public static final Map<String, Object> REQUEST_QUEUE_ARGUMENTS = Map.of("x-queue-type", "classic");

    /**
     * The request queue of the other meeting commands (join token, recording start, deactivation, calendar sync);
     * classic, like the create queue.
     */
    public static final String MEETING_COMMANDS_QUEUE = "meeting-service.meeting.commands";

    /** The routing keys of {@link #MEETING_COMMANDS_QUEUE}. */
    public static final List<String> MEETING_COMMAND_KEYS = List.of(MEETING_JOIN_TOKEN, MEETING_START_RECORDING,
            MEETING_DEACTIVATE, CALENDAR_SYNC);

    /**
     * Consumer group (queue suffix) of the recording-worker's queue of {@link #UPLOAD_COMPLETED} on
     * {@link #RECORDINGS_EXCHANGE}.
     */
    public static final String UPLOAD_WORKER_GROUP = "uploads";

    /** Consumer group (queue suffix) of the recording-worker on {@link #RECORDINGS_EXCHANGE}. */
    public static final String RECORDING_WORKER_GROUP = "recording-worker";

    private Topology() {
    }
}
