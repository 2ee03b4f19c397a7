package app.meetingbridge.gateway.webhook;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.gateway.webhook.WebhookInboxRepository.Key;
import app.meetingbridge.gateway.webhook.WebhookInboxRepository.Row;
import app.meetingbridge.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * Stores a verified webhook in the inbox and its message in the outbox, in one transaction ({@link InboxWriter}
 * groups concurrent webhooks into one commit): the provider's answer (200) comes only after that commit, and
 * a redelivered event id changes nothing. Counts every outcome as
 * {@code webhooks.received{provider, outcome, reason}}.
 */
@Service
public class WebhookIntake {

    private final InboxWriter writer;
    private final MeterRegistry meters;
    private final Clock clock;

    WebhookIntake(InboxWriter writer, MeterRegistry meters, Clock clock) {
        this.writer = writer;
        this.meters = meters;
        this.clock = clock;
    }

    /** Takes the event in; true if it was new, false for a redelivery. */
    public boolean accept(Platform provider, ProviderEvent event) {
        Row row = new Row(new Key(provider.wireName(), event.eventId()), event.type(), event.body(), clock.instant());
        Outbox.Entry message = event.message() == null || event.routingKey() == null ? null
                : new Outbox.Entry(outboxId(provider, event), Topology.PROVIDER_EVENTS_EXCHANGE, event.routingKey(),
                        event.message());
        boolean accepted = writer.store(row, message);
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
