package app.meetingbridge.recordings;

import app.meetingbridge.events.Topology;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Puts a message on the {@code recordings} exchange as the service upstream of the worker would: a JSON body. */
public final class RecordingsExchange {

    private RecordingsExchange() {
    }

    public static void publish(RabbitTemplate rabbit, String routingKey, byte[] json) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(Topology.RECORDINGS_EXCHANGE, routingKey, new Message(json, properties));
    }
}
