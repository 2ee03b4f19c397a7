package app.meetingbridge.transcripts;

import org.jspecify.annotations.Nullable;

/**
 * Someone heard in the transcript: the speaker number their words carry (null while none is given), the name
 * shown for it (as they or the owner chose it; null when the stored participant has none) and their user id.
 */
public record Participant(@Nullable String id, @Nullable Integer speaker, @Nullable String name,
                          @Nullable String userId) {

    public Participant withSpeaker(@Nullable Integer other) {
        return new Participant(id, other, name, userId);
    }

    public Participant withName(@Nullable String other) {
        return new Participant(id, speaker, other, userId);
    }
}
