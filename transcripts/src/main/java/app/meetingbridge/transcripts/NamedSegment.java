package app.meetingbridge.transcripts;

/** A segment with its speaker's name: one element of the {@code json} format. */
public record NamedSegment(int speaker, String speakerName, String text, double start, double end) {
}
