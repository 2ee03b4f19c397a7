package app.meetingbridge.meetings.recordings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Recording discovery: how far back the first poll or scan looks before there is a high-water mark
 * ({@code RECORDINGS_FIRST_LOOKBACK}, a new deployment), and the most pages (of 100) one poll of a provider's list
 * reads ({@code DAILY_RECORDINGS_POLL_MAX_PAGES}; a longer backlog is read on by the following polls). How often they
 * run is read by their schedules from the same {@code app.lifecycle} settings.
 */
@ConfigurationProperties("app.lifecycle")
record RecordingsProperties(@DefaultValue("24h") Duration recordingsFirstLookback,
                            @DefaultValue("20") int recordingsPollMaxPages) {

    RecordingsProperties {
        if (recordingsPollMaxPages < 1) {
            throw new IllegalStateException("DAILY_RECORDINGS_POLL_MAX_PAGES must be at least 1, not "
                    + recordingsPollMaxPages);
        }
    }
}
