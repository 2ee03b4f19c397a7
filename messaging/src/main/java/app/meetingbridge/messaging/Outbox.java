package app.meetingbridge.messaging;

import app.meetingbridge.events.WireNames;
import java.time.Clock;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Adds a message to the outbox inside the caller's transaction; the relay publishes it once that transaction
 * commits, and never if it rolls back.
 */
public class Outbox {

    private final OutboxRepository repository;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(OutboxRepository repository, OutboxRelay relay, Clock clock) {
        this.repository = repository;
        this.relay = relay;
        this.clock = clock;
    }

    public void add(String eventId, String exchange, String routingKey, Object message) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the outbox is written inside the transaction that changes the data");
        }
        repository.insert(eventId, exchange, routingKey, WireNames.of(message.getClass()),
                WireFormat.json().writeValueAsString(message), clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }
}
