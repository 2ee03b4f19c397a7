package app.meetingbridge.meetings.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.ProviderRoom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeetingTest {

    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final MeetingSettings SETTINGS = new MeetingSettings(false, "normal", "cloud", "automatic-2nd-participant",
            Platform.MOCK);

    static Meeting anOpenedMeeting() {
        return Meeting.opened("room-1", SETTINGS, new ProviderRoom("p1", "team-x", "https://r/x", "https://r/x?host"),
                NOW, Duration.ofHours(8));
    }

    @Test
    void opensForEightHoursWithTheSettingsItWasCreatedWith() {
        Meeting meeting = anOpenedMeeting();

        assertThat(meeting.startDate()).isEqualTo(NOW);
        assertThat(meeting.endDate()).isEqualTo(NOW.plus(Duration.ofHours(8)));
        assertThat(meeting.settings()).isEqualTo(SETTINGS);
        assertThat(meeting.active()).isTrue();
    }

    @Test
    void isReusableOnlyWhileActiveUnexpiredAndWithTheSameSettings() {
        Meeting meeting = anOpenedMeeting();

        assertThat(meeting.reusableFor(SETTINGS, NOW.plusSeconds(60))).isTrue();
        assertThat(meeting.reusableFor(SETTINGS, NOW.plus(Duration.ofHours(8)))).isFalse();
        assertThat(meeting.reusableFor(new MeetingSettings(true, "normal", "cloud", "automatic-2nd-participant",
                Platform.MOCK), NOW)).isFalse();
        assertThat(meeting.reusableFor(new MeetingSettings(false, "normal", "cloud", "automatic-2nd-participant",
                Platform.DAILY), NOW)).isFalse();
    }

    @Test
    void refusesAMeetingThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new Meeting("m", "r", SETTINGS, "p", "n", "u", "h", NOW, NOW, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesProviderRoomsWithinDailysCharsetAndLengthAndNeverTwiceInOneSecond() {
        Set<String> names = new HashSet<>();
        String longest = "A".repeat(64);
        for (int i = 0; i < 10_000; i++) {
            names.add(Meeting.providerRoomName("Team_Room-1", NOW));
        }
        String name = Meeting.providerRoomName(longest, NOW);

        assertThat(names).hasSize(10_000);
        assertThat(names).allMatch(n -> n.matches("team_room-1-20261126030000-[0-9a-z]{8}"));
        assertThat(name).matches("[a-z0-9_-]+").hasSizeLessThanOrEqualTo(128);
    }
}
