package app.meetingbridge.gateway.messaging;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.WireNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.support.converter.DefaultJacksonJavaTypeMapper;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request queue of {@code meeting.create} (declared here too, so requests wait for a meeting-service that
 * is still starting) and JSON messages that name their type by wire name, with their own mapper: the REST
 * API's snake_case never reaches the wire.
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
        return new Declarables(declarables);
    }

    @Bean
    MessageConverter messageConverter() {
        JsonMapper messageJson = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        DefaultJacksonJavaTypeMapper typeMapper = new DefaultJacksonJavaTypeMapper();
        typeMapper.setIdClassMapping(WireNames.all());
        JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(messageJson);
        converter.setJavaTypeMapper(typeMapper);
        return converter;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
