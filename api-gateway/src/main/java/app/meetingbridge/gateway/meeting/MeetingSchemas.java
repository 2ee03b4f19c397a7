package app.meetingbridge.gateway.meeting;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * For the OpenAPI document only: the bodies {@link MeetingController} and {@link MeetingActionsController} read as
 * JSON trees, under Reflector's schema names.
 */
final class MeetingSchemas {

    private MeetingSchemas() {
    }

    /** The body may be omitted: no duplicate. */
    @Schema(name = "CreateRoomMeeting")
    record CreateRoomMeeting(@Nullable Boolean allowDuplicated) {
    }

    @Schema(name = "MeetingConsentRequest")
    record MeetingConsentRequest(boolean consentGiven) {
    }

    /** {@code type} is {@code cloud} or {@code raw-tracks}; {@code instanceId} is checked to be a UUID when sent. */
    @Schema(name = "StartRecordingRequest")
    record StartRecordingRequest(String type, @JsonProperty("instanceId") @Nullable String instanceId) {
    }
}
