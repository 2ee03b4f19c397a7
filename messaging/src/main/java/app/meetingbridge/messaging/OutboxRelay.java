package app.meetingbridge.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms. Rows are locked with {@code SKIP LOCKED}, so any
 * number of instances relay side by side; a row is marked sent only after the broker confirmed it, and stays
 * unsent (to be tried again with growing pauses) while the broker is away. Delivery is at least once.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final RabbitTemplate rabbit;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(OutboxRepository repository, RabbitTemplate rabbit, TransactionTemplate transactions,
                OutboxProperties properties, Clock clock, MeterRegistry registry) {
        if (!rabbit.getConnectionFactory().isPublisherConfirms()) {
            throw new IllegalStateException("the outbox marks a message sent only after the broker confirms it: "
                    + "set spring.rabbitmq.publisher-confirm-type=correlated");
        }
        this.repository = repository;
        this.rabbit = rabbit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("outbox.unsent", repository, OutboxRepository::countUnsent)
                .description("Outbox messages not yet confirmed by the broker")
                .register(registry);
    }

    void wake() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::relayUntilStopped, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            worker.join(properties.confirmTimeout().toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void relayUntilStopped() {
        Duration pause = properties.pollInterval();
        while (running) {
            try {
                Batch batch = transactions.execute(status -> relayOneBatch());
                if (batch != null && batch.failed() > 0) {
                    pause = min(pause.multipliedBy(2), properties.maxBackoff());
                } else {
                    pause = properties.pollInterval();
                    if (batch != null && batch.sent() == properties.batchSize()) {
                        continue;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("outbox relay could not read or update the outbox: {}", e.getMessage());
                pause = min(pause.multipliedBy(2), properties.maxBackoff());
            }
            awaitWakeUp(pause);
        }
    }

    /** Publishes up to one batch; returns how many were confirmed and how many were not. */
    private Batch relayOneBatch() {
        List<OutboxMessage> messages = repository.lockUnsent(properties.batchSize());
        if (messages.isEmpty()) {
            return new Batch(0, 0);
        }
        List<CorrelationData> confirms = new ArrayList<>(messages.size());
        try {
            for (OutboxMessage message : messages) {
                CorrelationData correlation = new CorrelationData(message.eventId());
                rabbit.send(message.exchange(), message.routingKey(), toAmqp(message), correlation);
                confirms.add(correlation);
            }
        } catch (AmqpException e) {
            log.warn("broker unavailable, {} outbox message(s) stay unsent: {}", messages.size(), e.getMessage());
            repository.markFailed(ids(messages), "publish failed: " + e.getMessage());
            return new Batch(0, messages.size());
        }
        List<Long> sent = new ArrayList<>();
        List<Long> unconfirmed = new ArrayList<>();
        long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
        for (int i = 0; i < confirms.size(); i++) {
            if (confirmed(confirms.get(i), deadline)) {
                sent.add(messages.get(i).id());
            } else {
                unconfirmed.add(messages.get(i).id());
            }
        }
        repository.markSent(sent, clock.instant());
        repository.markFailed(unconfirmed, "not confirmed by the broker");
        if (!unconfirmed.isEmpty()) {
            log.warn("{} outbox message(s) were not confirmed by the broker and stay unsent", unconfirmed.size());
        }
        return new Batch(sent.size(), unconfirmed.size());
    }

    private static boolean confirmed(CorrelationData correlation, long deadlineNanos) {
        try {
            long wait = Math.max(0, deadlineNanos - System.nanoTime());
            return correlation.getFuture().get(wait, TimeUnit.NANOSECONDS).ack();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Message toAmqp(OutboxMessage message) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setMessageId(message.eventId());
        properties.setType(message.messageType());
        properties.setHeader(WireFormat.TYPE_HEADER, message.messageType());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(message.createdAt()));
        return new Message(message.payload().getBytes(StandardCharsets.UTF_8), properties);
    }

    private static List<Long> ids(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::id).toList();
    }

    private void awaitWakeUp(Duration pause) {
        try {
            if (wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Batch(int sent, int failed) {
    }
}
