package app.meetingbridge.gateway.meeting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the gateway waits for meeting-service to answer a request ({@code MEETING_CREATE_TIMEOUT}, 10 s unless
 * set): creating a meeting, a calendar sync, a meeting command. A request expires in its queue after the same time.
 */
@ConfigurationProperties("app.meetings")
record MeetingRequestProperties(Duration createTimeout) {

    MeetingRequestProperties {
        createTimeout = createTimeout == null ? Duration.ofSeconds(10) : createTimeout;
    }
}
