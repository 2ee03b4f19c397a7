package app.meetingbridge.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends one message and waits for the broker's publisher confirm (the template's connection factory must have
 * confirms on), so that the caller can let go of what it holds only once the broker has the message.
 */
public final class ConfirmedSend {

    private ConfirmedSend() {
    }

    /** @param what names the message in the error when the broker refuses it or does not answer in {@code timeout} */
    public static void send(RabbitTemplate rabbit, String exchange, String routingKey, Message message, Duration timeout,
                            String what) {
        CorrelationData confirm = new CorrelationData();
        rabbit.send(exchange, routingKey, message, confirm);
        try {
            if (!confirm.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS).ack()) {
                throw new AmqpException("the broker refused " + what);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException(what + " was not confirmed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while sending " + what, e);
        }
    }
}
