package app.meetingbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformChoiceTest {

    @Test
    void givesANewMeetingTheRoomsStoredPlatform() {
        PlatformChoice choice = PlatformChoice.roomPlatformOnly();

        assertThat(choice.forNewMeeting("r1", Platform.WHEREBY)).isEqualTo(Platform.WHEREBY);
        assertThat(choice.forNewMeeting("r1", Platform.MOCK)).isEqualTo(Platform.MOCK);
    }

    @Test
    void movesListedRoomsToDailyWhileTheMigrationIsOn() {
        PlatformChoice on = new PlatformChoice(true, Set.of("r1"));
        PlatformChoice off = new PlatformChoice(false, Set.of("r1"));

        assertThat(on.forNewMeeting("r1", Platform.WHEREBY)).isEqualTo(Platform.DAILY);
        assertThat(on.forNewMeeting("r2", Platform.WHEREBY)).isEqualTo(Platform.WHEREBY);
        assertThat(off.forNewMeeting("r1", Platform.WHEREBY)).isEqualTo(Platform.WHEREBY);
    }
}
