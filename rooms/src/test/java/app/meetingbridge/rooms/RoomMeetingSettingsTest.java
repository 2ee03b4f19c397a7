package app.meetingbridge.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.PlatformChoice;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomMeetingSettingsTest {

    static final RoomMeetingSettings ROOM = new RoomMeetingSettings("room-1", true, "group", "raw-tracks",
            "prompt", Platform.WHEREBY);

    @Test
    void givesANewMeetingTheRoomsSettingsOnTheRoomsPlatform() {
        assertThat(ROOM.forNewMeeting(PlatformChoice.roomPlatformOnly()))
                .isEqualTo(new MeetingSettings(true, "group", "raw-tracks", "prompt", Platform.WHEREBY));
    }

    @Test
    void givesARoomTheDailyMigrationListsANewMeetingOnDaily() {
        assertThat(ROOM.forNewMeeting(new PlatformChoice(true, Set.of("room-1"))).platform())
                .isEqualTo(Platform.DAILY);
        assertThat(ROOM.forNewMeeting(new PlatformChoice(true, Set.of("room-2"))).platform())
                .isEqualTo(Platform.WHEREBY);
        assertThat(ROOM.forNewMeeting(new PlatformChoice(false, Set.of("room-1"))).platform())
                .isEqualTo(Platform.WHEREBY);
    }
}
