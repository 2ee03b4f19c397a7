package app.meetingbridge.gateway.webhook;

import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.webhook.WebhookInboxRepository.Key;
import app.meetingbridge.gateway.webhook.WebhookInboxRepository.Row;
import app.meetingbridge.messaging.Outbox;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for webhooks: each request hands its verified event over and waits; a few writer threads take
 * whatever is waiting (up to a batch) and store it in one transaction, one statement for the inbox and one for
 * the outbox, and only then release the requests. Under load one commit carries many webhooks; alone, a
 * webhook is written at once. A batch that fails for a reason other than the database being away is written
 * again one event at a time, so one bad event cannot hold back the others.
 */
@Component
class InboxWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final WebhookInboxRepository inbox;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final IntakeProperties properties;
    private final BlockingQueue<Pending> waiting;
    private final DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    InboxWriter(WebhookInboxRepository inbox, Outbox outbox, TransactionTemplate transactions,
                IntakeProperties properties, MeterRegistry meters) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.waiting = new ArrayBlockingQueue<>(properties.maxPending());
        this.batchSizes = DistributionSummary.builder("webhooks.intake.batch")
                .description("Webhooks stored per transaction").register(meters);
        Gauge.builder("webhooks.intake.pending", waiting, BlockingQueue::size)
                .description("Verified webhooks waiting to be stored").register(meters);
    }

    /**
     * Stores the event and its message (if any) and returns once they are committed: true if the event is
     * new, false if the provider sent it before. A database error is thrown as it came; a full backlog or a
     * commit that takes too long is a 503 (nothing was acknowledged, so the provider sends it again).
     */
    boolean store(Row row, Outbox.@Nullable Entry message) {
        Pending pending = new Pending(row, message, new CompletableFuture<>());
        if (!running || !waiting.offer(pending)) {
            throw ApiException.unavailable("Too many webhooks waiting to be stored, please retry", RETRY_AFTER);
        }
        try {
            return pending.stored().get(properties.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("Storing the webhook took too long, please retry", RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while storing the webhook", RETRY_AFTER);
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.writers(); i++) {
            Thread writer = new Thread(this::writeUntilStopped, "webhook-inbox-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Stops taking webhooks and writes the ones already waiting. */
    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(properties.commitTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops after the web server (which waits for its requests) and before the data source
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>(properties.maxBatch());
        while (running || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, properties.maxBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("webhook inbox writer failed", e);
                batch.forEach(pending -> pending.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        batchSizes.record(batch.size());
        try {
            commit(batch);
        } catch (DataAccessResourceFailureException | TransientDataAccessException | TransactionException e) {
            batch.forEach(pending -> pending.stored().completeExceptionally(e));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).stored().completeExceptionally(e);
                return;
            }
            for (Pending pending : batch) {
                try {
                    commit(List.of(pending));
                } catch (RuntimeException single) {
                    pending.stored().completeExceptionally(single);
                }
            }
        }
    }

    /** One transaction for the batch; each request learns whether its event was new. */
    private void commit(List<Pending> batch) {
        Map<Key, Pending> firstOfKey = new HashMap<>();
        List<Row> rows = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            if (firstOfKey.putIfAbsent(pending.row().key(), pending) == null) {
                rows.add(pending.row());
            }
        }
        Set<Key> fresh = transactions.execute(status -> {
            Set<Key> inserted = inbox.insertNew(rows);
            List<Outbox.Entry> messages = new ArrayList<>(inserted.size());
            for (Row row : rows) {
                Outbox.Entry message = firstOfKey.get(row.key()).message();
                if (message != null && inserted.contains(row.key())) {
                    messages.add(message);
                }
            }
            outbox.addAll(messages);
            return inserted;
        });
        for (Pending pending : batch) {
            Key key = pending.row().key();
            pending.stored().complete(firstOfKey.get(key) == pending && fresh != null && fresh.contains(key));
        }
    }

    private record Pending(Row row, Outbox.@Nullable Entry message, CompletableFuture<Boolean> stored) {
    }
}
