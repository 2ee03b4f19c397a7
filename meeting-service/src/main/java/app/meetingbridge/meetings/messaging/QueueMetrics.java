package app.meetingbridge.meetings.messaging;

import app.meetingbridge.events.Topology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Depth and consumer count of every queue of the system, dead-letter queues included, as
 * {@code rabbitmq.queue.messages{queue}} and {@code rabbitmq.queue.consumers{queue}} (-1 while a queue does not
 * exist), read from the broker every 10 s.
 */
@Component
class QueueMetrics {

    static final List<String> QUEUES = List.of(
            Topology.MEETING_CREATE_QUEUE,
            Topology.MEETING_COMMANDS_QUEUE,
            Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service",
            Topology.PROVIDER_EVENTS_EXCHANGE + ".meeting-service.dlq",
            Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP,
            Topology.RECORDINGS_EXCHANGE + "." + Topology.RECORDING_WORKER_GROUP + ".dlq");

    private final AmqpAdmin admin;
    private final Map<String, AtomicLong> messages = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> consumers = new ConcurrentHashMap<>();

    QueueMetrics(AmqpAdmin admin, MeterRegistry meters) {
        this.admin = admin;
        for (String queue : QUEUES) {
            messages.put(queue, new AtomicLong(-1));
            consumers.put(queue, new AtomicLong(-1));
            Gauge.builder("rabbitmq.queue.messages", messages.get(queue), AtomicLong::get).tag("queue", queue)
                    .description("Messages ready in the queue").register(meters);
            Gauge.builder("rabbitmq.queue.consumers", consumers.get(queue), AtomicLong::get).tag("queue", queue)
                    .description("Consumers of the queue").register(meters);
        }
    }

    @Scheduled(fixedDelayString = "${app.metrics.queue-interval:10s}")
    void read() {
        for (String queue : QUEUES) {
            try {
                Properties properties = admin.getQueueProperties(queue);
                messages.get(queue).set(properties == null ? -1 : number(properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)));
                consumers.get(queue).set(properties == null ? -1 : number(properties.get(RabbitAdmin.QUEUE_CONSUMER_COUNT)));
            } catch (AmqpException e) {
                messages.get(queue).set(-1);
                consumers.get(queue).set(-1);
            }
        }
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }
}
