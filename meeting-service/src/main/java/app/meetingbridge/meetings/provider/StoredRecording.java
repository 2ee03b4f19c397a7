package app.meetingbridge.meetings.provider;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A recording object in a provider's bucket, and what its name says where it says it: the provider room it was
 * made in and when it started.
 */
public record StoredRecording(String key, Instant lastModified, @Nullable String roomName,
                              @Nullable Instant startedAt) {
}
