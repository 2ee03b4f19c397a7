package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackNameTest {

    @Test
    void readsTheParticipantAndTheOffsetFromADailyRawTrackKey() {
        TrackName name = TrackName.parse(
                "acme/team-20261126/1732600005500-0f3b9a52-1c4e-4c1e-9a55-0d6a1d7e2f10-cam-audio-1732600007250").orElseThrow();

        assertThat(name.participantId()).isEqualTo("0f3b9a52-1c4e-4c1e-9a55-0d6a1d7e2f10");
        assertThat(name.offsetMs()).isEqualTo(1750);
        assertThat(name.camAudio()).isTrue();
    }

    @Test
    void aTrackThatStartsBeforeTheRecordingIsHeardFromTheStart() {
        assertThat(TrackName.parse("d/r/1732600005500-0f3b9a52-1c4e-4c1e-9a55-0d6a1d7e2f10-cam-audio-1732600005000")
                .orElseThrow().offsetMs()).isZero();
    }

    @Test
    void keysThatAreNotDailyTracksSayNothing() {
        assertThat(TrackName.parse("whereby/room-2026-11-26T10:00:00.mp4")).isEmpty();
        assertThat(TrackName.parse("acme/r/1732600005500-not-a-uuid-cam-audio-1732600005000")).isEmpty();
    }

    @Test
    void aRawTracksRecordingIsHeardThroughItsCameraMicrophonesOnly() {
        String cam = "d/r/1732600005500-0f3b9a52-1c4e-4c1e-9a55-0d6a1d7e2f10-cam-audio-1732600005500";
        String screen = "d/r/1732600005500-0f3b9a52-1c4e-4c1e-9a55-0d6a1d7e2f10-screen-audio-1732600005500";
        Recording raw = new Recording("r", "daily", "p", null, "raw-tracks", "b", List.of(cam, screen),
                RecordingState.FETCHED, 0, null);
        Recording cloud = new Recording("r", "daily", "p", null, "cloud", "b", List.of("d/r/1732600005500"),
                RecordingState.FETCHED, 0, null);

        assertThat(raw.audioKeys()).containsExactly(cam);
        assertThat(cloud.audioKeys()).containsExactly("d/r/1732600005500");
        assertThat(raw.copyKey(cam)).isEqualTo("recordings/r/" + cam);
    }
}
