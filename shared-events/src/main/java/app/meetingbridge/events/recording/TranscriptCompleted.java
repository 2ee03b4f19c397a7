package app.meetingbridge.events.recording;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A transcript ended ({@code transcript.completed}): the room's webhook is told. {@code eventId} is the id the
 * receiver sees, the same on every delivery attempt; {@code attempt} counts them (1 for the first).
 */
public record TranscriptCompleted(String eventId, Instant occurredAt, String transcriptId, @Nullable String roomId,
                                  int attempt) {

    public TranscriptCompleted nextAttempt() {
        return new TranscriptCompleted(eventId, occurredAt, transcriptId, roomId, attempt + 1);
    }
}
