package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.meeting.CalendarSyncReply;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** Reflector's {@code ICSSyncResult}. */
@Schema(name = "ICSSyncResult")
record IcsSyncResponse(String status, @Nullable String hash, int eventsFound, int totalEvents, int eventsCreated,
                       int eventsUpdated, int eventsDeleted, @Nullable String error, @Nullable String reason) {

    static IcsSyncResponse of(CalendarSyncReply reply) {
        return new IcsSyncResponse(reply.status(), reply.hash(), reply.eventsFound(), reply.totalEvents(),
                reply.eventsCreated(), reply.eventsUpdated(), reply.eventsDeleted(), reply.error(), reply.reason());
    }
}
