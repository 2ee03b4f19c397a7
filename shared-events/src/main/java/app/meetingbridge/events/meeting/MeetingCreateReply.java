package app.meetingbridge.events.meeting;

import org.jspecify.annotations.Nullable;

/** Answer ({@code meeting.create.reply}) to a {@link CreateMeeting}. */
public record MeetingCreateReply(Outcome outcome, @Nullable String meetingId, @Nullable String message) {

    public enum Outcome {
        /** A new meeting was created; {@code meetingId} names it. */
        CREATED,
        /** An active meeting with the room's current settings exists; {@code meetingId} names it. */
        REUSED,
        ROOM_NOT_FOUND,
        /** The meeting's platform is not configured in this deployment. */
        PLATFORM_UNAVAILABLE,
        /** The provider did not create the room (down, refusing, rate limited); try again later. */
        PROVIDER_UNAVAILABLE,
        /** The provider refused to create the room (4xx: a misconfigured key or a request it does not accept). */
        PROVIDER_REFUSED,
        /** meeting-service could not reach its database or broker just now: nothing was decided; try again shortly. */
        UNAVAILABLE,
        FAILED
    }

    public static MeetingCreateReply created(String meetingId) {
        return new MeetingCreateReply(Outcome.CREATED, meetingId, null);
    }

    public static MeetingCreateReply reused(String meetingId) {
        return new MeetingCreateReply(Outcome.REUSED, meetingId, null);
    }

    public static MeetingCreateReply refused(Outcome outcome, String message) {
        return new MeetingCreateReply(outcome, null, message);
    }
}
