package app.meetingbridge.meetings.meeting;

import app.meetingbridge.meetings.jobs.JobLockRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Opens the meetings of calendar rooms ahead of their events, from the event's start to its end: every event that
 * starts within {@link #AHEAD} and has not ended gets one meeting, once, on one instance at a time. An event
 * that an aggregated feed lists twice, under two UIDs (same room, start, end and title), gets the one meeting
 * the first of them got. A calendar room may so have several active meetings.
 */
@Service
public class CalendarMeetings {

    static final Duration AHEAD = Duration.ofMinutes(7);
    private static final Logger log = LoggerFactory.getLogger(CalendarMeetings.class);

    private final MeetingRepository meetings;
    private final MeetingService meetingService;
    private final JobLockRepository jobs;
    private final Clock clock;

    CalendarMeetings(MeetingRepository meetings, MeetingService meetingService, JobLockRepository jobs, Clock clock) {
        this.meetings = meetings;
        this.meetingService = meetingService;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${app.calendar.meetings-interval:30s}")
    public void openUpcoming() {
        jobs.runExclusively("calendar-meetings", () -> {
            Instant now = clock.instant();
            for (UpcomingEvent event : meetings.upcomingEventsWithoutMeeting(now, now.plus(AHEAD))) {
                if (meetings.hasActiveTwinOf(event)) {
                    log.info("calendar event {} of room '{}' shares its meeting with the same event under another UID",
                            event.calendarEventId(), event.roomName());
                    continue;
                }
                try {
                    meetingService.openForCalendarEvent(event);
                } catch (RuntimeException e) {
                    log.error("no meeting opened for calendar event {} of room '{}': {}", event.calendarEventId(),
                            event.roomName(), e.getMessage());
                }
            }
        });
    }
}
