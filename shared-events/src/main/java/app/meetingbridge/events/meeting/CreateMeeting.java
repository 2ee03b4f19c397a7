package app.meetingbridge.events.meeting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Request ({@code meeting.create}) to meeting-service: give the room a meeting, reusing a matching active one
 * unless {@code allowDuplicated}. Answered with a {@link MeetingCreateReply}.
 */
public record CreateMeeting(String requestId, String roomName, boolean allowDuplicated,
                            @Nullable String requestedBy, Instant requestedAt) {
}
