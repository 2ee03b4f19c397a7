package app.meetingbridge.messaging;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.AmqpHeaders;

/**
 * Parks a message in its queue's dead-letter queue ({@code <queue>.dlq}, where the broker puts messages past their
 * delivery limit, and where {@code dead-letters redrive} takes them from), with the reason in
 * {@code x-exception-message}, confirmed by the broker before the message is acknowledged. Used where one bad
 * message must not fail the good ones beside it, and where a consumer gives up on a message itself.
 */
public class DeadLetters {

    /** Where the message was first published: kept through a redrive, which publishes to the queue itself. */
    public static final String ORIGINAL_EXCHANGE = "x-original-exchange";
    public static final String ORIGINAL_ROUTING_KEY = "x-original-routingKey";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Headers of our own ({@code x-meetingbridge-…}: a retry's mark, its routing key, its outage count) go along. */
    private static final String OURS = "x-meetingbridge-";

    private final RabbitTemplate rabbit;

    DeadLetters(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /**
     * @param headers the message's headers as Spring Cloud Stream gives them (its type, content type, id and
     *                where it came from are kept)
     */
    public void park(String queue, byte[] body, Map<String, Object> headers, Throwable why) {
        park(queue, body, headers, reason(why));
    }

    /** As {@link #park(String, byte[], Map, Throwable)}, with the reason in words of the caller's. */
    public void park(String queue, byte[] body, Map<String, Object> headers, String reason) {
        MessageProperties properties = propertiesOf(headers);
        properties.setHeader("x-exception-message", reason);
        ConfirmedSend.send(rabbit, "", queue + ".dlq", new Message(body, properties), Duration.ofSeconds(10),
                "the dead letter for " + queue);
        log.warn("parked message {} of {} in {}.dlq: {}", properties.getMessageId(), queue, queue, reason);
    }

    /**
     * The properties a consumed message is published again with (parked, or handed back after an outage): its type,
     * content type and id, where it was first published, and our own headers.
     */
    static MessageProperties propertiesOf(Map<String, Object> headers) {
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        copy(headers, WireFormat.TYPE_HEADER, properties);
        properties.setContentType(String.valueOf(headers.getOrDefault(AmqpHeaders.CONTENT_TYPE,
                headers.getOrDefault("contentType", MessageProperties.CONTENT_TYPE_JSON))));
        Object messageId = headers.get(AmqpHeaders.MESSAGE_ID);
        if (messageId != null) {
            properties.setMessageId(messageId.toString());
        }
        properties.setHeader(ORIGINAL_EXCHANGE, headers.getOrDefault(ORIGINAL_EXCHANGE,
                headers.get(AmqpHeaders.RECEIVED_EXCHANGE)));
        properties.setHeader(ORIGINAL_ROUTING_KEY, headers.getOrDefault(ORIGINAL_ROUTING_KEY,
                headers.get(AmqpHeaders.RECEIVED_ROUTING_KEY)));
        headers.forEach((name, value) -> {
            if (name.startsWith(OURS)) {
                properties.setHeader(name, value);
            }
        });
        return properties;
    }

    /** The root cause's type and first line, short: enough to act on, without the statement and its values. */
    static String reason(Throwable why) {
        Throwable root = why;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        String reason = root.getClass().getSimpleName() + ": " + message;
        return reason.length() <= 300 ? reason : reason.substring(0, 300) + "…";
    }

    private static void copy(Map<String, Object> headers, String name, MessageProperties properties) {
        Object value = headers.get(name);
        if (value != null) {
            properties.setHeader(name, value.toString());
        }
    }
}
