package app.meetingbridge.gateway.room;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Reflector's {@code RoomDetails}. The webhook URL and secret are shown to the room's owner only, in every
 * response that carries a room (listing included).
 */
record RoomResponse(String id, String name, String userId, Instant createdAt, boolean zulipAutoPost,
                    String zulipStream, String zulipTopic, boolean isLocked, String roomMode, String recordingType,
                    String recordingTrigger, boolean isShared, @Nullable String icsUrl, int icsFetchInterval,
                    boolean icsEnabled, @Nullable Instant icsLastSync, @Nullable String icsLastEtag, String platform,
                    boolean skipConsent, @Nullable String webhookUrl, @Nullable String webhookSecret) {

    static RoomResponse of(Room room, boolean owner) {
        RoomSettings s = room.settings();
        return new RoomResponse(room.id(), s.name(), room.ownerId(), room.createdAt(), s.zulipAutoPost(),
                s.zulipStream(), s.zulipTopic(), s.isLocked(), s.roomMode(), s.recordingType(), s.recordingTrigger(),
                s.isShared(), s.icsUrl(), s.icsFetchInterval(), s.icsEnabled(), room.icsLastSync(), room.icsLastEtag(),
                s.platform().wireName(), s.skipConsent(), owner ? s.webhookUrl() : null,
                owner ? s.webhookSecret() : null);
    }
}
