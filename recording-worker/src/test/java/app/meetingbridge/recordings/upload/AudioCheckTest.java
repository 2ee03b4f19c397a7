package app.meetingbridge.recordings.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AudioCheckTest {

    @Test
    void saysAFileHasNoAudioStreamWhenFfmpegFindsNoneToMap() {
        assertThat(AudioCheck.reason(List.of("Stream map '0:a:0' matches no streams.",
                "To ignore this, add a trailing '?' to the map."))).isEqualTo("The file has no audio stream");
    }

    @Test
    void saysAFileCannotBeDecodedForAnyOtherComplaint() {
        assertThat(AudioCheck.reason(List.of("[mp3 @ 0x1] Failed to read frame size: Could not seek to 21023.",
                "file: Invalid argument"))).isEqualTo("The file cannot be decoded as audio or video");
        assertThat(AudioCheck.reason(List.of())).isEqualTo("The file cannot be decoded as audio or video");
    }
}
