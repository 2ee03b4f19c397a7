package app.meetingbridge.events.meeting;

import org.jspecify.annotations.Nullable;

/**
 * Answer ({@code meeting.command.reply}) to a meeting command. {@code providerStatus} carries the provider's
 * HTTP status when the provider refused.
 */
public record CommandReply(Outcome outcome, @Nullable String value, @Nullable String message,
                           @Nullable Integer providerStatus) {

    public enum Outcome {
        OK,
        /** The recording already runs (Daily's "has an active stream"). */
        ALREADY_ACTIVE,
        MEETING_NOT_FOUND,
        /** The meeting's provider cannot do this (Whereby starts recordings by its trigger). */
        UNSUPPORTED,
        PLATFORM_UNAVAILABLE,
        /** The provider refused (4xx); {@code providerStatus} and {@code message} say how. */
        PROVIDER_REFUSED,
        /** The provider is down, slow or limiting us; try later. */
        PROVIDER_UNAVAILABLE,
        /** meeting-service could not reach its database or broker just now: nothing was done; try again shortly. */
        UNAVAILABLE,
        FAILED
    }

    public static CommandReply ok(@Nullable String value) {
        return new CommandReply(Outcome.OK, value, null, null);
    }

    public static CommandReply of(Outcome outcome, String message) {
        return new CommandReply(outcome, null, message, null);
    }
}
