package app.meetingbridge.recordings.diarization;

/** One stretch of the audio in which one speaker talks, in seconds from its start. */
record Turn(double start, double end, int speaker) {

    double overlap(double from, double to) {
        return Math.max(0, Math.min(end, to) - Math.max(start, from));
    }

    /** How far the stretch {@code from..to} lies outside this turn: 0 when they touch or overlap. */
    double distance(double from, double to) {
        return Math.max(0, Math.max(start - to, from - end));
    }
}
