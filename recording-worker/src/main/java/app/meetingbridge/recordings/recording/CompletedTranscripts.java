package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.messaging.Outbox;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tells whoever follows ended transcripts (the room's webhook, the Zulip post) that one ended or gained what it
 * lacked: a new {@code transcript.completed}, with an id of its own, through the outbox in the caller's transaction.
 */
@Component
class CompletedTranscripts {

    private final Outbox outbox;

    CompletedTranscripts(Outbox outbox) {
        this.outbox = outbox;
    }

    void announce(String transcriptId, @Nullable String roomId, Instant at) {
        String eventId = UUID.randomUUID().toString().replace("-", "");
        outbox.add("transcript-completed:" + eventId, Topology.RECORDINGS_EXCHANGE, Topology.TRANSCRIPT_COMPLETED,
                new TranscriptCompleted(eventId, at, transcriptId, roomId, 1));
    }
}
