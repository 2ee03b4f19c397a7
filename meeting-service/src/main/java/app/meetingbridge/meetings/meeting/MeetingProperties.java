package app.meetingbridge.meetings.meeting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long an on-demand meeting lasts (reflector-behaviour §9.1: 8 h). */
@ConfigurationProperties("app.meetings")
record MeetingProperties(Duration lifetime) {
}
