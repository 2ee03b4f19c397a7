package app.meetingbridge.gateway.webhook;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a verified webhook in the inbox and its message in the outbox, in one transaction: the provider's
 * answer (200) comes only after that commit, and a redelivered event id changes nothing. Counts every outcome
 * as {@code webhooks.received{provider, outcome, reason}}.
 */
@Service
public class WebhookIntake {

    private final WebhookInboxRepository inbox;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    WebhookIntake(WebhookInboxRepository inbox, Outbox outbox, TransactionTemplate transactions, MeterRegistry meters,
                  Clock clock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    /** Takes the event in; true if it was new, false for a redelivery. */
    public boolean accept(Platform provider, ProviderEvent event) {
        Boolean fresh = transactions.execute(status -> {
            boolean inserted = inbox.insertIfNew(provider.wireName(), event.eventId(), event.type(), event.body(),
                    clock.instant());
            if (inserted && event.message() != null && event.routingKey() != null) {
                outbox.add(outboxId(provider, event), Topology.PROVIDER_EVENTS_EXCHANGE, event.routingKey(),
                        event.message());
            }
            return inserted;
        });
        boolean accepted = Boolean.TRUE.equals(fresh);
        count(provider, accepted ? "accepted" : "duplicate", event.message() == null ? "kept-only" : "none");
        return accepted;
    }

    /** The message's id: the provider's event id, which only the provider makes unique, qualified by provider. */
    public static String outboxId(Platform provider, ProviderEvent event) {
        return provider.wireName() + ":" + event.eventId();
    }

    public void rejected(Platform provider, String reason) {
        count(provider, "rejected", reason);
    }

    private void count(Platform provider, String outcome, String reason) {
        meters.counter("webhooks.received", "provider", provider.wireName(), "outcome", outcome, "reason", reason)
                .increment();
    }
}
