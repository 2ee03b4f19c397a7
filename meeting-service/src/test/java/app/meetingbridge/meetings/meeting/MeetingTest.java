package app.meetingbridge.meetings.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.meeting.StartRecording;
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
        assertThatThrownBy(() -> new Meeting("m", "r", SETTINGS, "p", "n", "u", "h", NOW, NOW, true, null))
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

    @Test
    void namesItsTwoRecordingsWithDistinctDeterministicInstanceIds() {
        Meeting meeting = new Meeting("6f1c0d2e-0000-4000-8000-00000000d41a", "r", SETTINGS, "p", "n", "u", "h", NOW,
                NOW.plusSeconds(60), true, null);

        assertThat(meeting.recordingInstanceId(StartRecording.Kind.CLOUD)).isEqualTo(meeting.id());
        // Python: uuid.uuid5(uuid.UUID("a1b2c3d4-e5f6-7890-abcd-ef1234567890"), "6f1c0d2e-0000-4000-8000-00000000d41a")
        assertThat(meeting.recordingInstanceId(StartRecording.Kind.RAW_TRACKS))
                .isEqualTo("88c69789-76dd-5d22-a4e5-c1dc5230f133");
    }
}
