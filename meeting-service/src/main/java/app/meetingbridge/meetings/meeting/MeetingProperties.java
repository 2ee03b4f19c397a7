package app.meetingbridge.meetings.meeting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long an on-demand meeting lasts (8 h, as in Reflector, whose shorter lifetimes ended meetings mid-call); when a
 * creation claim counts as abandoned; how often and how long a request waits for another request's creation of the same
 * room's meeting (keep {@code claimWait} below the gateway's {@code MEETING_CREATE_TIMEOUT}).
 */
@ConfigurationProperties("app.meetings")
record MeetingProperties(Duration lifetime, Duration claimStaleAfter, Duration claimPoll, Duration claimWait) {
}
