package app.meetingbridge.meetings.provider.whereby;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/** Whereby's Embedded REST API v1, the calls we make, with its JSON as Whereby documents it. */
@HttpExchange(accept = "application/json", contentType = "application/json")
interface WherebyApi {

    @PostExchange("/meetings")
    Meeting createMeeting(@RequestBody CreateMeeting request);

    /** 204, and the same for a meeting that is already gone. */
    @DeleteExchange("/meetings/{meetingId}")
    void deleteMeeting(@PathVariable String meetingId);

    /** Replaces the room's logo (multipart field {@code image}). */
    @PutExchange(value = "/rooms/{roomName}/theme/logo", contentType = "multipart/form-data")
    void uploadLogo(@PathVariable String roomName, @RequestPart("image") Resource image);

    @GetExchange("/insights/room-sessions")
    RoomSessions roomSessions(@RequestParam String roomName);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateMeeting(String endDate, boolean isLocked, String roomMode, String roomNamePrefix,
                         String roomNamePattern, List<String> fields, @Nullable Recording recording) {
    }

    record Recording(String type, Destination destination, String startTrigger) {
    }

    record Destination(String provider, String bucket, String accessKeyId, String accessKeySecret, String fileFormat) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Meeting(String meetingId, @Nullable String roomName, String roomUrl, @Nullable String hostRoomUrl,
                   @Nullable String endDate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoomSessions(@Nullable String cursor, List<RoomSession> results) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoomSession(String roomSessionId, @Nullable String roomName, String startedAt, @Nullable String endedAt) {
    }
}
