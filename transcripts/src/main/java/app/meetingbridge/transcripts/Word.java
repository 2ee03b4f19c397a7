package app.meetingbridge.transcripts;

/** One word as transcribed: its text as the backend gave it, when it is said (seconds) and by which speaker. */
public record Word(String text, double start, double end, int speaker) {

    /** The same word said by {@code other}. */
    public Word withSpeaker(int other) {
        return other == speaker ? this : new Word(text, start, end, other);
    }
}
