package app.meetingbridge.gateway.room;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reflector's {@code RoomDetails}, as the caller may see it. What is the owner's alone is shown to the room's owner
 * only, in every response that carries a room (listing included): the webhook URL and secret, the calendar feed
 * ({@code ics_url}, which often carries a private token) and who the owner is ({@code user_id} is empty for anyone
 * else: the contract requires the string, and the web app compares it with the caller's id to decide whether the
 * caller owns the room, which an empty one never matches).
 */
@Schema(name = "RoomDetails")
record RoomResponse(String id, String name, String userId, Instant createdAt, boolean zulipAutoPost,
                    String zulipStream, String zulipTopic, boolean isLocked, String roomMode, String recordingType,
                    String recordingTrigger, boolean isShared, @Nullable String icsUrl, int icsFetchInterval,
                    boolean icsEnabled, @Nullable Instant icsLastSync, @Nullable String icsLastEtag, String platform,
                    boolean skipConsent, @Nullable String webhookUrl, @Nullable String webhookSecret) {

    static final String NOT_THE_OWNER = "";

    static RoomResponse of(Room room, boolean owner) {
        RoomSettings s = room.settings();
        return new RoomResponse(room.id(), s.name(), owner ? room.ownerId() : NOT_THE_OWNER, room.createdAt(),
                s.zulipAutoPost(), s.zulipStream(), s.zulipTopic(), s.isLocked(), s.roomMode(), s.recordingType(),
                s.recordingTrigger(), s.isShared(), owner ? s.icsUrl() : null, s.icsFetchInterval(), s.icsEnabled(),
                room.icsLastSync(), room.icsLastEtag(), s.platform().wireName(), s.skipConsent(),
                owner ? s.webhookUrl() : null, owner ? s.webhookSecret() : null);
    }
}
