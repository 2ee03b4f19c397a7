package app.meetingbridge.meetings.messaging;

import app.meetingbridge.meetings.CommandSettings;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;

/**
 * The operator's command for dead-lettered messages, run as
 * {@code java -jar meeting-service.jar dead-letters count|redrive <queue>} with the {@code SPRING_RABBITMQ_*}
 * settings in the environment. {@code <queue>} is the work queue (e.g. {@code provider-events.meeting-service});
 * its dead letters are in {@code <queue>.dlq}. Redrive moves each one back onto the work queue, confirmed by the
 * broker before it is removed from the dead-letter queue, so a crash mid-way duplicates at most one message
 * (consumers are idempotent) and loses none.
 */
public final class DeadLetterCommand {

    public static final String NAME = "dead-letters";
    private static final String USAGE = "usage: dead-letters count|redrive <work queue, e.g. provider-events.meeting-service>";

    private DeadLetterCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out) {
        if (args.size() != 2 || !List.of("count", "redrive").contains(args.get(0))) {
            out.println(USAGE);
            return 2;
        }
        String queue = args.get(1);
        String deadLetters = queue + ".dlq";
        RabbitProperties broker = CommandSettings.of(env).bind("spring.rabbitmq", RabbitProperties.class);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.determineHost());
        factory.setPort(broker.determinePort());
        factory.setUsername(broker.determineUsername());
        factory.setPassword(broker.determinePassword());
        factory.setVirtualHost(broker.determineVirtualHost() == null ? "/" : broker.determineVirtualHost());
        try (Connection connection = factory.newConnection("dead-letters"); Channel channel = connection.createChannel()) {
            long waiting = channel.queueDeclarePassive(deadLetters).getMessageCount();
            if (args.get(0).equals("count")) {
                out.println(deadLetters + ": " + waiting + " message(s)");
                return 0;
            }
            channel.queueDeclarePassive(queue);
            channel.confirmSelect();
            int moved = 0;
            for (GetResponse message = channel.basicGet(deadLetters, false); message != null;
                 message = channel.basicGet(deadLetters, false)) {
                channel.basicPublish("", queue, message.getProps(), message.getBody());
                channel.waitForConfirmsOrDie(10_000);
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                moved++;
            }
            out.println("moved " + moved + " message(s) from " + deadLetters + " back to " + queue);
            return 0;
        } catch (IOException | TimeoutException | InterruptedException e) {
            out.println("could not reach " + deadLetters + ": " + e.getMessage());
            return 1;
        }
    }
}
