package app.meetingbridge.messaging;

import app.meetingbridge.events.WireNames;
import java.time.Clock;
import java.util.List;
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
        addAll(List.of(new Entry(eventId, exchange, routingKey, message)));
    }

    /** Adds several messages with one statement (a batch written in one transaction). */
    public void addAll(List<Entry> entries) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("the outbox is written inside the transaction that changes the data");
        }
        if (entries.isEmpty()) {
            return;
        }
        var createdAt = clock.instant();
        repository.insertAll(entries.stream().map(entry -> new OutboxRepository.NewMessage(entry.eventId(),
                entry.exchange(), entry.routingKey(), WireNames.of(entry.message().getClass()),
                WireFormat.json().writeValueAsString(entry.message()), createdAt)).toList());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    /** One message to publish: its id (unique; a second add with it is a no-op), where it goes, and what. */
    public record Entry(String eventId, String exchange, String routingKey, Object message) {
    }
}
