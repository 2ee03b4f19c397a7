package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.WireNames;
import app.meetingbridge.messaging.DeadLetters;
import app.meetingbridge.messaging.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * A batch of provider-event deliveries, applied together in one transaction. What goes wrong stays with the
 * message it belongs to: one that is not ours, or that fails on its own, is parked in the dead-letter queue
 * and the rest of the batch is applied; while the database is unreachable the whole batch goes back to the
 * queue after a pause (the queue's delivery limit then dead-letters what keeps failing).
 */
@Component
class ProviderEventBatches {

    static final String QUEUE = Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service";
    private static final Logger log = LoggerFactory.getLogger(ProviderEventBatches.class);
    private static final Duration PAUSE_BEFORE_REQUEUE = Duration.ofSeconds(2);
    /** Where Spring Integration's AMQP adapter puts each message's headers in a batch. */
    private static final String BATCHED_HEADERS = "amqp_batchedHeaders";

    private final ProviderEventHandler handler;
    private final DeadLetters deadLetters;

    ProviderEventBatches(ProviderEventHandler handler, DeadLetters deadLetters) {
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    void accept(Message<?> batch) {
        List<Delivery> deliveries = read(batch);
        try {
            handler.handleAll(deliveries.stream().map(Delivery::event).toList());
            return;
        } catch (RuntimeException e) {
            if (unavailable(e)) {
                throw requeue(e);
            }
            if (deliveries.size() > 1) {
                log.warn("a batch of {} provider events failed ({}); applying them one by one", deliveries.size(),
                        e.getClass().getSimpleName());
            }
        }
        for (Delivery delivery : deliveries) {
            try {
                handler.handle(delivery.event());
            } catch (RuntimeException e) {
                if (unavailable(e)) {
                    throw requeue(e);
                }
                deadLetters.park(QUEUE, delivery.body(), delivery.headers(), e);
            }
        }
    }

    /** The deliveries that are events of ours; any other message is parked at once. */
    private List<Delivery> read(Message<?> batch) {
        List<byte[]> bodies = bodies(batch);
        List<Map<String, Object>> headers = batchedHeaders(batch, bodies.size());
        List<Delivery> deliveries = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            try {
                deliveries.add(new Delivery(read(headers.get(i), bodies.get(i)), bodies.get(i), headers.get(i)));
            } catch (RuntimeException e) {
                deadLetters.park(QUEUE, bodies.get(i), headers.get(i), e);
            }
        }
        return deliveries;
    }

    /** The raw bodies: the binding hands them over unconverted (the consumer declares no payload type). */
    private static List<byte[]> bodies(Message<?> batch) {
        if (batch.getPayload() instanceof List<?> list && list.stream().allMatch(byte[].class::isInstance)) {
            return list.stream().map(byte[].class::cast).toList();
        }
        throw new IllegalStateException("not a batch of raw messages: " + batch.getPayload().getClass().getName());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> batchedHeaders(Message<?> batch, int size) {
        Object batched = batch.getHeaders().get(BATCHED_HEADERS);
        if (batched instanceof List<?> list && list.size() == size) {
            return (List<Map<String, Object>>) list;
        }
        throw new IllegalStateException("a batch without its messages' headers: " + batch.getHeaders().keySet());
    }

    private static Object read(Map<String, Object> headers, byte[] body) {
        Object type = headers.get(WireFormat.TYPE_HEADER);
        Class<?> record = type == null ? null : WireNames.all().get(type.toString());
        if (record == null) {
            throw new IllegalArgumentException("unknown message type " + type);
        }
        return WireFormat.json().readValue(body, record);
    }

    private static boolean unavailable(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof TransactionException;
    }

    private static ImmediateRequeueAmqpException requeue(RuntimeException e) {
        log.warn("database unavailable, the batch goes back to the queue: {}", e.getMessage());
        try {
            Thread.sleep(PAUSE_BEFORE_REQUEUE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return new ImmediateRequeueAmqpException("database unavailable", e);
    }

    private record Delivery(Object event, byte[] body, Map<String, Object> headers) {
    }
}
