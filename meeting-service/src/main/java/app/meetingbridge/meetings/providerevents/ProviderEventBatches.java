package app.meetingbridge.meetings.providerevents;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.WireNames;
import app.meetingbridge.messaging.DeadLetters;
import app.meetingbridge.messaging.OutageRetry;
import app.meetingbridge.messaging.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * A batch of provider-event deliveries, applied together in one transaction. What goes wrong stays with the
 * message it belongs to ({@link IsolatedBatch}): one that is not ours, or that fails on its own, is parked in the
 * dead-letter queue and the rest of the batch is applied. While the database (or the broker) does not answer, the
 * batch is held and applied again with capped backoff ({@link OutageRetry}), so an outage dead-letters nothing and
 * the consumer pauses instead of cycling the queue; a batch still held when the hold ends, or when the service stops,
 * is handed back to the queue through a delay queue.
 */
@Component
class ProviderEventBatches {

    static final String QUEUE = Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service";
    private static final Logger log = LoggerFactory.getLogger(ProviderEventBatches.class);
    /** Where Spring Integration's AMQP adapter puts each message's headers in a batch. */
    private static final String BATCHED_HEADERS = "amqp_batchedHeaders";

    private final ProviderEventHandler handler;
    private final DeadLetters deadLetters;
    private final OutageRetry outages;

    ProviderEventBatches(ProviderEventHandler handler, DeadLetters deadLetters, OutageRetry outages) {
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.outages = outages;
    }

    void accept(Message<?> batch) {
        IsolatedBatch.apply(read(batch), new IsolatedBatch.Steps<>() {

            @Override
            public void applyAll(List<Delivery> deliveries) {
                outages.run("a batch of " + deliveries.size() + " provider events",
                        () -> handler.handleAll(deliveries.stream().map(Delivery::event).toList()));
            }

            @Override
            public void applyOne(Delivery delivery) {
                outages.run(describe(delivery), () -> handler.handle(delivery.event()));
            }

            @Override
            public boolean outlastedHold(RuntimeException failure) {
                return failure instanceof OutageRetry.StillDown;
            }

            @Override
            public void park(Delivery delivery, RuntimeException why) {
                ProviderEventBatches.this.park(delivery.body(), delivery.headers(), why);
            }

            @Override
            public void handBack(List<Delivery> deliveries, RuntimeException outage) {
                deliveries.forEach(delivery -> outages.handBack(QUEUE, delivery.body(), delivery.headers()));
                log.warn("{}; {} provider event(s) handed back to the queue", outage.getMessage(), deliveries.size());
            }

            @Override
            public void splitting(List<Delivery> deliveries, RuntimeException why) {
                if (deliveries.size() > 1) {
                    log.warn("a batch of {} provider events failed ({}); applying them one by one",
                            deliveries.size(), why.getClass().getSimpleName());
                }
            }
        });
    }

    /**
     * Parks a message in the dead-letter queue, held while the broker does not take it; if the broker stays away,
     * the whole batch goes back to the queue rather than to the dead-letter queue.
     */
    private void park(byte[] body, Map<String, Object> headers, RuntimeException why) {
        try {
            outages.run("parking a provider event", () -> deadLetters.park(QUEUE, body, headers, why));
        } catch (OutageRetry.StillDown down) {
            throw new ImmediateRequeueAmqpException("the dead-letter queue did not take a message", down);
        }
    }

    private static String describe(Delivery delivery) {
        Object id = delivery.headers().get(AmqpHeaders.MESSAGE_ID);
        return id == null ? "a provider event" : "provider event " + id;
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
                park(bodies.get(i), headers.get(i), e);
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

    private record Delivery(Object event, byte[] body, Map<String, Object> headers) {
    }
}
