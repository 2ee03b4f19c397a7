package app.meetingbridge.gateway.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeetingResponseTest {

    static Meeting aWherebyMeetingWithCalendarDetails() {
        return new Meeting("m1", "r1", new MeetingSettings(false, "normal", "cloud", "automatic", Platform.WHEREBY),
                "/room-abc", "https://x.whereby.com/room-abc", "https://x.whereby.com/room-abc?roomKey=secret",
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T18:00:00Z"), 2, true, "ev1",
                "{\"title\":\"Board\",\"attendees\":[\"a@b.c\"]}", null, null);
    }

    @Test
    void showsHostUrlAndCalendarDetailsToTheOwner() {
        MeetingResponse response = MeetingResponse.of(aWherebyMeetingWithCalendarDetails(), true);

        assertThat(response.hostRoomUrl()).contains("roomKey=secret");
        assertThat(response.calendarMetadata()).contains("Board");
        assertThat(response.platform()).isEqualTo("whereby");
    }

    @Test
    void hidesHostUrlAndCalendarDetailsButTheTitleFromEveryoneElse() {
        MeetingResponse response = MeetingResponse.of(aWherebyMeetingWithCalendarDetails(), false);

        assertThat(response.hostRoomUrl()).isEmpty();
        assertThat(response.calendarMetadata()).isEqualTo("{\"title\":\"Board\"}");
        assertThat(response.roomUrl()).isEqualTo("https://x.whereby.com/room-abc");
    }

    @Test
    void showsOthersNoCalendarDetailsWhenTheyNameNoTitle() {
        assertThat(MeetingResponse.titleOnly(null)).isNull();
        assertThat(MeetingResponse.titleOnly("{\"attendees\":[\"a@b.c\"]}")).isNull();
        assertThat(MeetingResponse.titleOnly("{\"title\":42}")).isNull();
        assertThat(MeetingResponse.titleOnly("not json")).isNull();
    }
}
