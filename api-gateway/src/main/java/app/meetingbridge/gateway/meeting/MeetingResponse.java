package app.meetingbridge.gateway.meeting;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reflector's {@code Meeting}. Redaction happens here and only here: the host URL (it carries Whereby's host
 * key) and the calendar details are shown to the room's owner only.
 */
@Schema(name = "Meeting")
record MeetingResponse(String id, String roomName, String roomUrl, String hostRoomUrl, Instant startDate,
                       Instant endDate, @Nullable String userId, @Nullable String roomId, boolean isLocked,
                       String roomMode, String recordingType, String recordingTrigger, int numClients,
                       boolean isActive, @Nullable String calendarEventId,
                       @JsonRawValue @Schema(types = "object") @Nullable String calendarMetadata, String platform,
                       @Nullable String dailyComposedVideoS3Key, @Nullable Integer dailyComposedVideoDuration) {

    static MeetingResponse of(Meeting meeting, boolean owner) {
        var s = meeting.settings();
        return new MeetingResponse(meeting.id(), meeting.providerRoomName(), meeting.roomUrl(),
                owner ? meeting.hostRoomUrl() : "", meeting.startDate(), meeting.endDate(), null, meeting.roomId(),
                s.isLocked(), s.roomMode(), s.recordingType(), s.recordingTrigger(), meeting.numClients(),
                meeting.active(), meeting.calendarEventId(), owner ? meeting.calendarMetadata() : null,
                s.platform().wireName(), meeting.dailyComposedVideoS3Key(), meeting.dailyComposedVideoDuration());
    }
}
