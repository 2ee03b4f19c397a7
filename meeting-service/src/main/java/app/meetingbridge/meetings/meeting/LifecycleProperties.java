package app.meetingbridge.meetings.meeting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The meeting lifecycle: {@code MEETING_EMPTY_GRACE} (how long a meeting stays open with nobody in it and nobody
 * handed it, default 2 min), and how often presence is read and meetings are checked for closing.
 */
@ConfigurationProperties("app.lifecycle")
record LifecycleProperties(@DefaultValue("2m") Duration emptyGrace, @DefaultValue("30s") Duration presenceInterval,
                           @DefaultValue("2s") Duration dirtyPresenceInterval,
                           @DefaultValue("30s") Duration deactivationInterval) {
}
