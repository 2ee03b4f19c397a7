package app.meetingbridge.recordings.diarization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The diarizer's answer as Reflector's GPU services give it, and the ways one can be out of contract. */
class DiarizerAnswerTest {

    @Test
    void readsTheTurnsInTimeOrder() {
        DiarizerAnswer.Read read = DiarizerAnswer.read("""
                {"diarization": [{"start": 3.5, "end": 7.25, "speaker": 1}, {"start": 0.0, "end": 3.4, "speaker": 0}]}
                """);

        assertThat(read.turns()).containsExactly(new Turn(0.0, 3.4, 0), new Turn(3.5, 7.25, 1));
        assertThat(read.leftOut()).isZero();
    }

    @Test
    void takesPyannoteLabelsAsTheirNumber() {
        DiarizerAnswer.Read read = DiarizerAnswer.read("""
                {"diarization": [{"start": 0.5, "end": 1.5, "speaker": "SPEAKER_01"},
                                 {"start": 1.5, "end": 2.0, "speaker": "SPEAKER_12"},
                                 {"start": 2.0, "end": 2.5, "speaker": "3"}]}
                """);

        assertThat(read.turns()).extracting(Turn::speaker).containsExactly(1, 12, 3);
    }

    @Test
    void anEmptyListIsNoTurns() {
        assertThat(DiarizerAnswer.read("{\"diarization\": []}").turns()).isEmpty();
    }

    @Test
    void leavesOutTurnsWithNegativeOrBackwardTimesAndCountsThem() {
        DiarizerAnswer.Read read = DiarizerAnswer.read("""
                {"diarization": [{"start": -1.0, "end": 0.5, "speaker": 0}, {"start": 2.0, "end": 1.0, "speaker": 1},
                                 {"start": 1.0, "end": 1.0, "speaker": 1}, {"start": 1.0, "end": 2.0, "speaker": 1}]}
                """);

        assertThat(read.turns()).containsExactly(new Turn(1.0, 2.0, 1));
        assertThat(read.leftOut()).isEqualTo(3);
    }

    @Test
    void keepsOverlappingTurns() {
        assertThat(DiarizerAnswer.read("""
                {"diarization": [{"start": 0, "end": 2, "speaker": 0}, {"start": 1, "end": 3, "speaker": 1}]}
                """).turns()).hasSize(2);
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> DiarizerAnswer.read("<html>Bad gateway</html>"))
                .isInstanceOf(DiarizerAnswer.Malformed.class).hasMessageContaining("not JSON");
    }

    @Test
    void refusesAnAnswerWithoutTheList() {
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"segments\": []}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class).hasMessageContaining("no \"diarization\" list");
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"diarization\": {\"start\": 0}}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class);
        assertThatThrownBy(() -> DiarizerAnswer.read("[]")).isInstanceOf(DiarizerAnswer.Malformed.class);
    }

    @Test
    void refusesATurnWithoutTimesOrSpeaker() {
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"diarization\": [{\"end\": 1, \"speaker\": 0}]}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class).hasMessageContaining("turn 0").hasMessageContaining("start");
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"diarization\": [{\"start\": \"0\", \"end\": 1, \"speaker\": 0}]}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class);
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"diarization\": [{\"start\": 0, \"end\": 1}]}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class).hasMessageContaining("speaker");
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"diarization\": [{\"start\": 0, \"end\": 1, \"speaker\": \"alice\"}]}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class).hasMessageContaining("speaker");
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"diarization\": [{\"start\": 0, \"end\": 1, \"speaker\": -2}]}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class);
        assertThatThrownBy(() -> DiarizerAnswer.read("{\"diarization\": [null]}"))
                .isInstanceOf(DiarizerAnswer.Malformed.class);
    }
}
