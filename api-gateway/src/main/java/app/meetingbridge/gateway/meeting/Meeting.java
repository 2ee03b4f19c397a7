package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.meeting.MeetingSettings;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A meeting as the API shows it. */
record Meeting(String id, @Nullable String roomId, MeetingSettings settings, String providerRoomName, String roomUrl,
               String hostRoomUrl, Instant startDate, Instant endDate, int numClients, boolean active,
               @Nullable String calendarEventId, @Nullable String calendarMetadata,
               @Nullable String dailyComposedVideoS3Key, @Nullable Integer dailyComposedVideoDuration) {
}
