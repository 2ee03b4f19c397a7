package app.meetingbridge.gateway.meeting;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reflector's {@code Meeting}. Redaction happens here and only here: the host URL (it carries Whereby's host
 * key) and the calendar details (description, attendees) are shown to the room's owner only; others see the
 * event's title, which the meeting page's list of a calendar room's meetings shows to everyone who may join.
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
                meeting.active(), meeting.calendarEventId(),
                owner ? meeting.calendarMetadata() : titleOnly(meeting.calendarMetadata()),
                s.platform().wireName(), meeting.dailyComposedVideoS3Key(), meeting.dailyComposedVideoDuration());
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code {"title": …}} of the calendar details, or null when they name no title. */
    static @Nullable String titleOnly(@Nullable String calendarMetadata) {
        if (calendarMetadata == null) {
            return null;
        }
        try {
            JsonNode title = JSON.readTree(calendarMetadata).path("title");
            return title.isString() ? JSON.writeValueAsString(Map.of("title", title.stringValue())) : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
