package app.meetingbridge.meetings.provider.daily;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Daily's REST API v1, the calls we make (rooms, meeting tokens, recordings, webhooks), with its JSON as Daily
 * documents it.
 */
@HttpExchange(accept = "application/json", contentType = "application/json")
interface DailyApi {

    @PostExchange("/rooms")
    Room createRoom(@RequestBody CreateRoom request);

    @GetExchange("/rooms/{name}")
    Room getRoom(@PathVariable String name);

    @DeleteExchange("/rooms/{name}")
    Deleted deleteRoom(@PathVariable String name);

    @GetExchange("/rooms/{name}/presence")
    PresenceList presence(@PathVariable String name);

    @PostExchange("/meeting-tokens")
    Token createToken(@RequestBody TokenRequest request);

    @PostExchange("/rooms/{name}/recordings/start")
    StartedRecording startRecording(@PathVariable String name, @RequestBody StartRecording request);

    @GetExchange("/recordings")
    RecordingList listRecordings(@RequestParam int limit, @RequestParam(name = "starting_after", required = false) @Nullable String startingAfter,
                                 @RequestParam(name = "room_name", required = false) @Nullable String roomName);

    @GetExchange("/recordings/{id}/access-link")
    AccessLink accessLink(@PathVariable String id);

    @GetExchange("/webhooks")
    List<Webhook> listWebhooks();

    @PostExchange("/webhooks")
    Webhook createWebhook(@RequestBody WebhookRequest request);

    /** Daily updates a webhook with POST (not PATCH); it re-tests the URL and re-activates a FAILED one. */
    @PostExchange("/webhooks/{uuid}")
    Webhook updateWebhook(@PathVariable String uuid, @RequestBody WebhookRequest request);

    @DeleteExchange("/webhooks/{uuid}")
    void deleteWebhook(@PathVariable String uuid);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateRoom(String name, String privacy, RoomProperties properties) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomProperties(long exp, @JsonProperty("enable_knocking") boolean enableKnocking,
                          @JsonProperty("enable_recording") @Nullable String enableRecording,
                          @JsonProperty("recordings_bucket") @Nullable RecordingsBucket recordingsBucket,
                          @JsonProperty("max_participants") int maxParticipants,
                          @JsonProperty("enable_chat") boolean enableChat,
                          @JsonProperty("enable_screenshare") boolean enableScreenshare,
                          @JsonProperty("eject_at_room_exp") boolean ejectAtRoomExp) {
    }

    record RecordingsBucket(@JsonProperty("bucket_name") String bucketName,
                            @JsonProperty("bucket_region") String bucketRegion,
                            @JsonProperty("assume_role_arn") String assumeRoleArn,
                            @JsonProperty("allow_api_access") boolean allowApiAccess) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Room(String id, String name, String url, @Nullable String privacy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Deleted(boolean deleted, @Nullable String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PresenceList(@JsonProperty("total_count") int totalCount, @Nullable List<PresenceEntry> data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PresenceEntry(@Nullable String room, String id, @Nullable String userId, @Nullable String userName,
                         @Nullable String joinTime, @Nullable Double duration) {
    }

    record TokenRequest(TokenProperties properties) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenProperties(@JsonProperty("room_name") String roomName, @JsonProperty("user_id") @Nullable String userId,
                           @JsonProperty("is_owner") boolean isOwner,
                           @JsonProperty("enable_recording_ui") boolean enableRecordingUi, long exp,
                           @JsonProperty("eject_at_token_exp") boolean ejectAtTokenExp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(String token) {
    }

    record StartRecording(String type, String instanceId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StartedRecording(@Nullable String status, @Nullable String recordingId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordingList(@JsonProperty("total_count") int totalCount, List<Recording> data) {
    }

    /** A recording as the list returns it: {@code s3key} and {@code mtgSessionId} spelled so; no {@code type}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Recording(String id, @JsonProperty("room_name") String roomName, @JsonProperty("start_ts") long startTs,
                     String status, @Nullable Integer duration, @JsonProperty("s3key") @Nullable String s3Key,
                     @Nullable String mtgSessionId, @Nullable List<Track> tracks) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Track(String type, @JsonProperty("s3Key") String s3Key, @Nullable Long size) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccessLink(@JsonProperty("download_link") String downloadLink, long expires) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookRequest(String url, List<String> eventTypes, @Nullable String hmac) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Webhook(String uuid, String url, @Nullable List<String> eventTypes, @Nullable String state,
                   @Nullable Integer failedCount) {
    }
}
