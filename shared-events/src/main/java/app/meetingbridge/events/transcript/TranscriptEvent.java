package app.meetingbridge.events.transcript;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a transcript, for the browsers following it ({@code transcript.event}, on the
 * {@code transcripts} exchange; every gateway instance takes a copy). {@code event} is the socket message's type as
 * Reflector names it ({@code STATUS}, {@code DURATION}, {@code WAVEFORM}, {@code TRANSCRIPT}, {@code TOPIC},
 * {@code FINAL_TITLE}, {@code FINAL_SHORT_SUMMARY}, {@code FINAL_LONG_SUMMARY}, {@code ACTION_ITEMS}, or, for the
 * owner's list only, {@code TRANSCRIPT_CREATED} and {@code TRANSCRIPT_DELETED}), and {@code dataJson} the message's
 * {@code data} object as JSON. {@code seq} is its row in the transcript's event log ({@code transcript_event.id}),
 * by which a socket that replayed the log skips what it already sent; null for the owner-only events, which are not
 * logged. {@code ownerId} is the transcript's owner (null for none), whose {@code /v1/events} socket hears of it.
 */
public record TranscriptEvent(String eventId, Instant occurredAt, @Nullable Long seq, String transcriptId,
                              @Nullable String ownerId, String event, String dataJson) {
}
