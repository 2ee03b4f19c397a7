package app.meetingbridge.gateway.messaging;

import app.meetingbridge.events.Topology;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request queue of {@code meeting.create} (declared here too, so requests wait for a meeting-service that
 * is still starting), and the exchanges this service publishes to. The wire format comes from the messaging
 * module.
 */
@Configuration(proxyBeanMethods = false)
class RabbitConfiguration {

    @Bean
    Declarables meetingCommandTopology() {
        DirectExchange commands = new DirectExchange(Topology.MEETING_COMMANDS_EXCHANGE, true, false);
        Queue createQueue = new Queue(Topology.MEETING_CREATE_QUEUE, true, false, false,
                Topology.REQUEST_QUEUE_ARGUMENTS);
        Queue commandQueue = new Queue(Topology.MEETING_COMMANDS_QUEUE, true, false, false,
                Topology.REQUEST_QUEUE_ARGUMENTS);
        List<Declarable> declarables = new ArrayList<>(List.of(commands, createQueue, commandQueue,
                BindingBuilder.bind(createQueue).to(commands).with(Topology.MEETING_CREATE)));
        Topology.MEETING_COMMAND_KEYS.forEach(key ->
                declarables.add(BindingBuilder.bind(commandQueue).to(commands).with(key)));
        declarables.add(new TopicExchange(Topology.PROVIDER_EVENTS_EXCHANGE, true, false));
        declarables.add(new TopicExchange(Topology.RECORDINGS_EXCHANGE, true, false));
        return new Declarables(declarables);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
