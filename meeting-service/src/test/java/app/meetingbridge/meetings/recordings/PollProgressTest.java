package app.meetingbridge.meetings.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollProgressTest {

    static final Instant MARK = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void leavesTheMarkWhereItWasWhenNothingWasFound() {
        assertThat(PollProgress.from(MARK).nextMark()).isEqualTo(MARK);
    }

    @Test
    void movesTheMarkToTheNewestRecordingAnnouncedWhicheverOrderTheyCameIn() {
        PollProgress progress = PollProgress.from(MARK)
                .announced(MARK.plusSeconds(300))
                .announced(MARK.plusSeconds(900))
                .announced(MARK.plusSeconds(600))
                .announced(MARK.minusSeconds(60));

        assertThat(progress.nextMark()).isEqualTo(MARK.plusSeconds(900));
    }

    @Test
    void neverMovesTheMarkPastTheOldestRecordingSeenUnfinished() {
        PollProgress progress = PollProgress.from(MARK)
                .announced(MARK.plusSeconds(900))
                .unfinished(MARK.plusSeconds(600))
                .unfinished(MARK.plusSeconds(300))
                .unfinished(MARK.plusSeconds(800));

        assertThat(progress.oldestUnfinished()).isEqualTo(MARK.plusSeconds(300));
        assertThat(progress.nextMark()).isEqualTo(MARK.plusSeconds(300));
    }

    @Test
    void anUnfinishedRecordingNewerThanEveryAnnouncedOneDoesNotHoldTheMark() {
        PollProgress progress = PollProgress.from(MARK).announced(MARK.plusSeconds(300)).unfinished(MARK.plusSeconds(600));

        assertThat(progress.nextMark()).isEqualTo(MARK.plusSeconds(300));
    }
}
