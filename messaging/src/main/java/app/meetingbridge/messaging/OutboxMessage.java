package app.meetingbridge.messaging;

import java.time.Instant;

/** One stored message waiting for (or past) its publication. */
record OutboxMessage(long id, String eventId, String exchange, String routingKey, String messageType, String payload,
                     Instant createdAt) {
}
