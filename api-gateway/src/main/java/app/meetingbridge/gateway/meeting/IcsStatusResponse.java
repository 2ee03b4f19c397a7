package app.meetingbridge.gateway.meeting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Reflector's {@code ICSStatus}: {@code next_sync} is the last sync plus the room's interval. */
@Schema(name = "ICSStatus")
record IcsStatusResponse(String status, @Nullable Instant lastSync, @Nullable Instant nextSync,
                         @Nullable String lastEtag, int eventsCount) {
}
