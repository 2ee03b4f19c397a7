package app.meetingbridge.meetings.provider.whereby;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.meetings.provider.StoredRecording;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingKeyTest {

    static final Instant WRITTEN = Instant.parse("2026-11-26T11:00:00Z");

    @Test
    void readsTheRoomAndTheStartFromWherebysFileName() {
        StoredRecording recording = WherebyRecordingsBucket.recording(
                "team-0f3b9a52-1c4e-4c1e-9a55-0d6a1d7e2f10-2026-11-26T10:00:00Z.mp4", WRITTEN);

        assertThat(recording.roomName()).isEqualTo("/team-0f3b9a52-1c4e-4c1e-9a55-0d6a1d7e2f10");
        assertThat(recording.startedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void readsAStartWithFractionsOfASecondAndTakesTheKeyAsItIs() {
        StoredRecording recording = WherebyRecordingsBucket.recording("a+b%20c-2026-11-26T10:00:00.123Z-1.mkv", WRITTEN);

        assertThat(recording.key()).isEqualTo("a+b%20c-2026-11-26T10:00:00.123Z-1.mkv");
        assertThat(recording.roomName()).isEqualTo("/a+b%20c");
        assertThat(recording.startedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00.123Z"));
    }

    @Test
    void onlyVideoFilesAreRecordings() {
        assertThat(WherebyRecordingsBucket.isMedia("room-2026-11-26T10:00:00Z.MP4")).isTrue();
        assertThat(WherebyRecordingsBucket.isMedia("room-2026-11-26T10:00:00Z.webm")).isTrue();
        assertThat(WherebyRecordingsBucket.isMedia("room-2026-11-26T10:00:00Z.json")).isFalse();
    }

    @Test
    void aNameWithoutAStartNamesNoRoom() {
        StoredRecording recording = WherebyRecordingsBucket.recording("folder/recording.mp4", WRITTEN);

        assertThat(recording.roomName()).isNull();
        assertThat(recording.startedAt()).isNull();
        assertThat(recording.lastModified()).isEqualTo(WRITTEN);
    }
}
