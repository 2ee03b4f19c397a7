package app.meetingbridge.meetings.provider;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One session of a provider room, from its start to its end (null while it goes on). */
public record ProviderSession(String sessionId, Instant startedAt, @Nullable Instant endedAt) {
}
