package app.meetingbridge.gateway.transcript;

import org.jspecify.annotations.Nullable;

/**
 * The fields a transcript update names (Reflector's {@code UpdateTranscript}): null is "not named, left as it is";
 * the fields that may be cleared come as a {@link Value}, whose own value may be null.
 */
record TranscriptChanges(@Nullable String name, @Nullable Boolean locked, @Nullable Value<String> title,
                         @Nullable Value<String> shortSummary, @Nullable Value<String> longSummary,
                         @Nullable String shareMode, @Nullable String participantsJson, @Nullable Boolean reviewed,
                         @Nullable Boolean audioDeleted) {

    /** A value given for a field that may be cleared: null clears it. */
    record Value<T>(@Nullable T value) {
    }

    /** Whether the update unlocks the transcript: the one change a locked transcript takes. */
    boolean unlocks() {
        return Boolean.FALSE.equals(locked);
    }
}
