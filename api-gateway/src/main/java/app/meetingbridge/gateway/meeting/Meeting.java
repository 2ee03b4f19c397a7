package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.meeting.MeetingSettings;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A meeting as the API shows it. */
record Meeting(String id, @Nullable String roomId, MeetingSettings settings, String providerRoomName, String roomUrl,
               String hostRoomUrl, Instant startDate, Instant endDate, int numClients, boolean active,
               @Nullable String calendarEventId, @Nullable String calendarMetadata,
               @Nullable String dailyComposedVideoS3Key, @Nullable Integer dailyComposedVideoDuration) {

    boolean hasEnded(Instant now) {
        return !endDate.isAfter(now);
    }

    /** The same meeting reached through {@code url} (Daily's room URL with the user's token). */
    Meeting withRoomUrl(String url) {
        return new Meeting(id, roomId, settings, providerRoomName, url, hostRoomUrl, startDate, endDate, numClients,
                active, calendarEventId, calendarMetadata, dailyComposedVideoS3Key, dailyComposedVideoDuration);
    }
}
