package app.meetingbridge.messaging;

import app.meetingbridge.events.Topology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to RabbitMQ with publisher confirms, each one mandatory. Rows are locked with
 * {@code SKIP LOCKED}, so any number of instances relay side by side; a row is marked sent only after the broker
 * confirmed it and a queue took it. While the broker is away, does not confirm, or returns a message because no
 * queue is bound where it goes (its consumer never started, so its queue does not exist yet), the row stays unsent
 * and is tried again after a pause that doubles with its attempts, up to {@code app.outbox.max-backoff}, without
 * holding the rows behind it back. A returned message is logged at warning level once, at its first return. Facts
 * nothing of ours consumes ({@link Topology#FACTS_WITHOUT_CONSUMER}) are sent once confirmed, taken or not. Delivery
 * is at least once.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** How {@code last_error} starts for a message no queue took, so that only its first return is a warning. */
    static final String UNROUTED = "no queue took it";

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
        this.rabbit = ConfirmedSend.mandatory(rabbit);
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("outbox.unsent", repository, OutboxRepository::countUnsent)
                .description("Outbox messages not yet confirmed by the broker, or not yet taken by a queue")
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
                    if (batch != null && batch.sent() + batch.unrouted() == properties.batchSize()) {
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

    /**
     * Publishes up to one batch; returns how many were confirmed, how many no queue took, and how many the broker
     * did not take (away, refused or silent).
     */
    private Batch relayOneBatch() {
        Instant now = clock.instant();
        List<OutboxMessage> messages = repository.lockUnsent(properties.batchSize(), now);
        if (messages.isEmpty()) {
            return new Batch(0, 0, 0);
        }
        List<CorrelationData> confirms = new ArrayList<>(messages.size());
        try {
            // one channel for the batch: the broker keeps the order of one channel's messages only, and consumers
            // such as the live sockets rely on the order the rows were written in
            rabbit.invoke(operations -> {
                for (OutboxMessage message : messages) {
                    CorrelationData correlation = new CorrelationData(message.eventId());
                    operations.send(message.exchange(), message.routingKey(), toAmqp(message), correlation);
                    confirms.add(correlation);
                }
                return null;
            });
        } catch (AmqpException e) {
            log.warn("broker unavailable, {} outbox message(s) stay unsent: {}", messages.size(), e.getMessage());
            markFailed(messages, "publish failed: " + e.getMessage(), clock.instant());
            return new Batch(0, 0, messages.size());
        }
        List<Long> sent = new ArrayList<>();
        List<Returned> unrouted = new ArrayList<>();
        List<OutboxMessage> unconfirmed = new ArrayList<>();
        long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
        for (int i = 0; i < confirms.size(); i++) {
            OutboxMessage message = messages.get(i);
            boolean acked = confirmed(confirms.get(i), deadline);
            ReturnedMessage returned = confirms.get(i).getReturned(); // set before the confirm completes
            switch (outcome(acked, returned, message.routingKey())) {
                case SENT -> sent.add(message.id());
                case UNROUTED -> unrouted.add(new Returned(message, returned));
                case UNCONFIRMED -> unconfirmed.add(message);
            }
        }
        Instant answered = clock.instant();
        repository.markSent(sent, answered);
        unrouted.forEach(back -> unrouted(back.message(), back.returned(), answered));
        markFailed(unconfirmed, "not confirmed by the broker", answered);
        if (!unconfirmed.isEmpty()) {
            log.warn("{} outbox message(s) were not confirmed by the broker and stay unsent", unconfirmed.size());
        }
        return new Batch(sent.size(), unrouted.size(), unconfirmed.size());
    }

    /** What became of one message: confirmed and taken, returned for want of a queue, or not confirmed. */
    enum Outcome { SENT, UNROUTED, UNCONFIRMED }

    /**
     * @param acked whether the broker confirmed the message (false: refused, or no confirm in time)
     * @param returned the message, when the broker returned it because no queue took it
     */
    static Outcome outcome(boolean acked, @Nullable ReturnedMessage returned, String routingKey) {
        if (!acked) {
            return Outcome.UNCONFIRMED;
        }
        if (returned != null && !Topology.FACTS_WITHOUT_CONSUMER.contains(routingKey)) {
            return Outcome.UNROUTED;
        }
        return Outcome.SENT;
    }

    /** The pause before trying a message again after its {@code attempts}-th failed attempt (1 for the first). */
    static Duration pauseAfter(OutboxProperties properties, int attempts) {
        return Backoff.doubling(properties.pollInterval(), properties.maxBackoff(), attempts);
    }

    private void unrouted(OutboxMessage message, @Nullable ReturnedMessage returned, Instant now) {
        String why = UNROUTED + " (" + message.exchange() + "/" + message.routingKey()
                + (returned == null ? "" : ": " + returned.getReplyCode() + " " + returned.getReplyText()) + ")";
        if (message.lastError() == null || !message.lastError().startsWith(UNROUTED)) {
            log.warn("outbox message {} was returned: {}; it stays unsent and is tried again, pausing up to {} "
                    + "(its consumer's queue may not exist yet)", message.eventId(), why,
                    OutageRetry.words(properties.maxBackoff()));
        } else {
            log.debug("outbox message {} returned again (attempt {})", message.eventId(), message.attempts() + 1);
        }
        markFailed(List.of(message), why, now);
    }

    /** One more failed attempt of each; each is tried again after its own pause. */
    private void markFailed(List<OutboxMessage> messages, String error, Instant now) {
        messages.stream()
                .collect(Collectors.groupingBy(message -> now.plus(pauseAfter(properties, message.attempts() + 1)),
                        Collectors.mapping(OutboxMessage::id, Collectors.toList())))
                .forEach((nextAttemptAt, ids) -> repository.markFailed(ids, error, nextAttemptAt));
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

    private record Batch(int sent, int unrouted, int failed) {
    }

    private record Returned(OutboxMessage message, @Nullable ReturnedMessage returned) {
    }
}
