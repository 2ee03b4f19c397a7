package app.meetingbridge.events.recording;

import java.time.Instant;

/**
 * Someone asked for a transcript to be made again from its recording ({@code recording.reprocess}); the
 * recording-worker runs the recording's pipeline again from where it stands.
 */
public record ReprocessRequested(String eventId, Instant occurredAt, String transcriptId, String recordingId) {
}
