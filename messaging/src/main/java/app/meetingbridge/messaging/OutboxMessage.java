package app.meetingbridge.messaging;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored message waiting for (or past) its publication, with how often the relay tried it and why the last try
 * failed.
 */
record OutboxMessage(long id, String eventId, String exchange, String routingKey, String messageType, String payload,
                     Instant createdAt, int attempts, @Nullable String lastError) {
}
