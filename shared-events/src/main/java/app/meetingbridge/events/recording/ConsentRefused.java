package app.meetingbridge.events.recording;

import java.time.Instant;

/**
 * Someone in the meeting refused to have its audio kept ({@code consent.refused}). The recording-worker deletes
 * the audio of the meeting's recordings whose processing already ended (those still being processed are cleaned
 * when they end); it checks the meeting's decisions again before it deletes anything.
 */
public record ConsentRefused(String eventId, Instant occurredAt, String meetingId) {
}
