package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RecordingTest {

    static Recording in(RecordingState state, @Nullable Instant nextRetryAt) {
        return new Recording("r", "daily", "p", "m", "cloud", "b", List.of("acme/r/1"), state, 1, nextRetryAt);
    }

    @Test
    void hasEndedItsProcessingOnceTranscribed() {
        assertThat(in(RecordingState.DONE, null).processingEnded(true, true)).isTrue();
    }

    @Test
    void hasEndedItsProcessingOnceGivenUpOnButNotWhileAnAttemptIsDue() {
        assertThat(in(RecordingState.FAILED, null).processingEnded(true, true)).isTrue();
        assertThat(in(RecordingState.FAILED, null).processingEnded(true, false)).isTrue();
        Instant due = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(in(RecordingState.FAILED, due).processingEnded(true, true)).isFalse();
    }

    @Test
    void hasEndedItsProcessingWithoutABackendOnceItsAudioIsReady() {
        assertThat(in(RecordingState.PROCESSING, null).processingEnded(false, true)).isTrue();
        assertThat(in(RecordingState.PROCESSING, null).processingEnded(false, false)).isFalse();
    }

    @Test
    void isStillBeingProcessedWhileItWaitsForTranscriptionOrItsAudio() {
        assertThat(in(RecordingState.PROCESSING, null).processingEnded(true, true)).isFalse();
        for (RecordingState before : List.of(RecordingState.DISCOVERED, RecordingState.FETCHING,
                RecordingState.FETCHED)) {
            assertThat(in(before, null).processingEnded(false, false)).as(before.name()).isFalse();
        }
    }

    @Test
    void readsAnUploadedFileWhereItWasUploaded() {
        Recording upload = new Recording("r", "upload", "t1", null, "cloud", "transcripts", List.of("uploads/t1/file"),
                RecordingState.DISCOVERED, 0, null);

        assertThat(upload.uploaded()).isTrue();
        assertThat(upload.copyKey("uploads/t1/file")).isEqualTo("uploads/t1/file");
        assertThat(upload.copyKeys("uploads/t1/file")).containsExactly("uploads/t1/file");
        assertThat(in(RecordingState.DONE, null).copyKey("acme/r/1")).isEqualTo("recordings/r/acme/r/1");
    }
}
