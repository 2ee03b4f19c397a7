package app.meetingbridge.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Delivers a message again after a pause, with RabbitMQ alone: the message waits in a queue of its own per pause
 * length and destination ({@code {prefix}.{millis}}, its time-to-live the pause), which dead-letters it to the
 * exchange and routing key it is for once the pause ends. Returns only when the broker has confirmed the parked
 * message and a waiting queue took it, so the one being handled can be acknowledged safely (give it a
 * {@link ConfirmedSend#mandatory} template).
 */
public class DelayedDelivery {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();

    public DelayedDelivery(RabbitTemplate rabbit, AmqpAdmin admin) {
        this.rabbit = rabbit;
        this.admin = admin;
    }

    /**
     * Sends {@code message} to {@code exchange} with {@code routingKey} after {@code pause}; {@code queuePrefix} names
     * the waiting queues, one prefix per destination.
     */
    public void after(Duration pause, String queuePrefix, String exchange, String routingKey, Message message) {
        String queue = queuePrefix + "." + pause.toMillis();
        if (!declared.contains(queue)) {
            admin.declareQueue(new Queue(queue, true, false, false, Map.of(
                    "x-queue-type", "classic",
                    "x-message-ttl", pause.toMillis(),
                    "x-dead-letter-exchange", exchange,
                    "x-dead-letter-routing-key", routingKey)));
            declared.add(queue);
        }
        message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        try {
            ConfirmedSend.send(rabbit, "", queue, message, CONFIRM_TIMEOUT, "the message parked in " + queue);
        } catch (ConfirmedSend.Unrouted gone) {
            declared.remove(queue); // deleted under us: the next send declares it again
            throw gone;
        }
    }

    /**
     * Puts a consumed message back on {@code queue} after {@code pause}, through {@code <queue>.outage.<ms>}, with its
     * type, id, our own headers and where it was first published.
     *
     * @param headers the message's headers as Spring Cloud Stream gives them
     */
    public void again(Duration pause, String queue, byte[] body, Map<String, Object> headers) {
        after(pause, queue + ".outage", "", queue, new Message(body, DeadLetters.propertiesOf(headers)));
    }
}
