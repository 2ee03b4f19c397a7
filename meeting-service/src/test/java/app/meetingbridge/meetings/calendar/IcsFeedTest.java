package app.meetingbridge.meetings.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IcsFeedTest {

    static final Pattern TEAM = IcsFeed.roomAddress("https://meet.example.com/", "team");
    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-08T00:00:00Z");

    @Test
    void matchesTheRoomsAddressWhateverItsCaseSchemeOrTrailingSlashButNotALongerName() {
        assertThat(TEAM.matcher("Join at https://meet.example.com/team").find()).isTrue();
        assertThat(TEAM.matcher("HTTP://MEET.EXAMPLE.COM/TEAM/").find()).isTrue();
        assertThat(TEAM.matcher("meet.example.com/team, room 4").find()).isTrue();
        assertThat(TEAM.matcher("https://meet.example.com/team-b").find()).isFalse();
        assertThat(TEAM.matcher("https://meet.example.com/teams").find()).isFalse();
        assertThat(TEAM.matcher("https://other.example.com/team").find()).isFalse();
    }

    @Test
    void anOccurrenceMovedByItsOwnEventReplacesTheOneTheRuleMakesAndExcludedDatesAreLeftOut() throws Exception {
        IcsFeed.Read read = read(event("daily@x", "DTSTART:20260302T090000Z\r\nDTEND:20260302T093000Z\r\n"
                        + "RRULE:FREQ=DAILY;COUNT=4\r\nEXDATE:20260304T090000Z\r\n")
                + event("daily@x", "RECURRENCE-ID:20260303T090000Z\r\nDTSTART:20260303T140000Z\r\n"
                        + "DTEND:20260303T143000Z\r\n"));

        assertThat(read.forRoom()).extracting(FeedEvent::key).containsExactlyInAnyOrder(
                "daily@x/2026-03-02T09:00:00Z", "daily@x/2026-03-05T09:00:00Z", "daily@x/2026-03-03T09:00:00Z");
        assertThat(read.forRoom()).filteredOn(e -> e.key().endsWith("03T09:00:00Z")).singleElement()
                .extracting(FeedEvent::start).isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
    }

    @Test
    void anAllDayEventStartsAtMidnightUtcAndAnEventWithoutEndLastsAnHour() throws Exception {
        IcsFeed.Read read = read(event("allday@x", "DTSTART;VALUE=DATE:20260303\r\nDTEND;VALUE=DATE:20260304\r\n")
                + event("open@x", "DTSTART:20260304T100000Z\r\n"));

        assertThat(read.forRoom()).filteredOn(e -> e.key().equals("allday@x")).singleElement()
                .extracting(FeedEvent::start).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(read.forRoom()).filteredOn(e -> e.key().equals("open@x")).singleElement()
                .extracting(FeedEvent::end).isEqualTo(Instant.parse("2026-03-04T11:00:00Z"));
    }

    @Test
    void leavesOutEventsOutsideTheWindow() throws Exception {
        IcsFeed.Read read = read(event("past@x", "DTSTART:20260201T100000Z\r\n")
                + event("far@x", "DTSTART:20260401T100000Z\r\n"));

        assertThat(read.inWindow()).isZero();
    }

    @Test
    void refusesWhatIsNotACalendar() {
        assertThatThrownBy(() -> IcsFeed.read("<html>not found</html>".getBytes(StandardCharsets.UTF_8), TEAM, FROM,
                TO)).isInstanceOf(IcsFeed.UnreadableFeedException.class);
    }

    private static IcsFeed.Read read(String events) throws IcsFeed.UnreadableFeedException {
        String feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n";
        return IcsFeed.read(feed.getBytes(StandardCharsets.UTF_8), TEAM, FROM, TO);
    }

    private static String event(String uid, String times) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Team\r\n" + times
                + "LOCATION:https://meet.example.com/team\r\nEND:VEVENT\r\n";
    }
}
