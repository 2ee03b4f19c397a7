package app.meetingbridge.gateway.room;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * For the OpenAPI document only: the bodies {@link RoomController} reads as JSON trees (checked by
 * {@link RoomFields}) and the maps it answers with, under Reflector's schema names.
 */
final class RoomSchemas {

    private RoomSchemas() {
    }

    /** Only {@code name} is required; every other field takes Reflector's default. */
    @Schema(name = "CreateRoom")
    record CreateRoom(String name, @Nullable Boolean zulipAutoPost, @Nullable String zulipStream,
                      @Nullable String zulipTopic, @Nullable Boolean isLocked, @Nullable String roomMode,
                      @Nullable String recordingType, @Nullable String recordingTrigger, @Nullable Boolean isShared,
                      @Nullable String webhookUrl, @Nullable String webhookSecret, @Nullable String icsUrl,
                      @Nullable Integer icsFetchInterval, @Nullable Boolean icsEnabled, @Nullable String platform,
                      @Nullable Boolean skipConsent) {
    }

    /** Only the fields sent change. */
    @Schema(name = "UpdateRoom")
    record UpdateRoom(@Nullable String name, @Nullable Boolean zulipAutoPost, @Nullable String zulipStream,
                      @Nullable String zulipTopic, @Nullable Boolean isLocked, @Nullable String roomMode,
                      @Nullable String recordingType, @Nullable String recordingTrigger, @Nullable Boolean isShared,
                      @Nullable String webhookUrl, @Nullable String webhookSecret, @Nullable String icsUrl,
                      @Nullable Integer icsFetchInterval, @Nullable Boolean icsEnabled, @Nullable String platform,
                      @Nullable Boolean skipConsent) {
    }

    @Schema(name = "DeletionStatus")
    record DeletionStatus(String status) {
    }

    /** What {@link RoomWebhookTester#send} answers. */
    @Schema(name = "WebhookTestResult")
    record WebhookTestResult(boolean success, String message, String error, @Nullable Integer statusCode,
                             @Nullable String responsePreview) {
    }
}
