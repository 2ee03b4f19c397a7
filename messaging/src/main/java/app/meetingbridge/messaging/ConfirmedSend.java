package app.meetingbridge.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends one message and waits for the broker's publisher confirm (the template's connection factory must have
 * confirms on), so that the caller can let go of what it holds only once the broker has the message. With a
 * {@link #mandatory} template, a message no queue took comes back before its confirm and fails the send.
 */
public final class ConfirmedSend {

    private static final Logger log = LoggerFactory.getLogger(ConfirmedSend.class);

    private ConfirmedSend() {
    }

    /**
     * A template on the same connection as {@code shared} that publishes every message mandatory: one that no queue
     * takes is returned by the broker (before the confirm), and shows in its {@link CorrelationData#getReturned()};
     * whoever sent it says so, this template only notes it at debug level. Independent of
     * {@code spring.rabbitmq.template.mandatory}, which concerns the service's own template.
     */
    public static RabbitTemplate mandatory(RabbitTemplate shared) {
        RabbitTemplate mandatory = new RabbitTemplate(shared.getConnectionFactory());
        mandatory.setMandatory(true);
        mandatory.setReturnsCallback(returned -> log.debug("{} to {}/{} returned: {} {}",
                returned.getMessage().getMessageProperties().getMessageId(), returned.getExchange(),
                returned.getRoutingKey(), returned.getReplyCode(), returned.getReplyText()));
        return mandatory;
    }

    /**
     * @param what names the message in the error when the broker refuses it, no queue takes it (a mandatory
     *             template's send) or the broker does not answer in {@code timeout}
     * @throws Unrouted when no queue took the message
     * @throws AmqpTimeoutException when the broker did not confirm in time
     */
    public static void send(RabbitTemplate rabbit, String exchange, String routingKey, Message message, Duration timeout,
                            String what) {
        CorrelationData confirm = new CorrelationData();
        rabbit.send(exchange, routingKey, message, confirm);
        try {
            if (!confirm.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS).ack()) {
                throw new AmqpException("the broker refused " + what);
            }
        } catch (ExecutionException e) {
            throw new AmqpException(what + " was not confirmed", e);
        } catch (TimeoutException e) {
            throw new AmqpTimeoutException(what + " was not confirmed within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while sending " + what, e);
        }
        if (confirm.getReturned() != null) {
            throw new Unrouted(what, confirm.getReturned());
        }
    }

    /** The broker took the message and returned it: no queue is bound to where it was sent. */
    public static final class Unrouted extends AmqpException {

        Unrouted(String what, ReturnedMessage returned) {
            super("no queue took " + what + " (" + returned.getExchange() + "/" + returned.getRoutingKey() + ": "
                    + returned.getReplyCode() + " " + returned.getReplyText() + ")");
        }
    }
}
