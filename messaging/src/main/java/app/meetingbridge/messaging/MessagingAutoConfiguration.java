package app.meetingbridge.messaging;

import app.meetingbridge.events.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a service the wire format, the outbox (writer and relay), delayed delivery, dead-letter parking and the
 * consumers' way through outages by depending on this module, and the transcripts' event log.
 */
@AutoConfiguration
@EnableConfigurationProperties({OutboxProperties.class, OutageProperties.class})
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(MessageConverter.class)
    MessageConverter messageConverter() {
        return WireFormat.messageConverter();
    }

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboxRepository outboxRepository(DSLContext db) {
        return new OutboxRepository(db);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxRepository repository, RabbitTemplate rabbit, TransactionTemplate transactions,
                            OutboxProperties properties, Clock clock, MeterRegistry meters) {
        return new OutboxRelay(repository, rabbit, transactions, properties, clock, meters);
    }

    @Bean
    @ConditionalOnMissingBean(DelayedDelivery.class)
    DelayedDelivery delayedDelivery(RabbitTemplate rabbit, AmqpAdmin admin) {
        return new DelayedDelivery(ConfirmedSend.mandatory(rabbit), admin);
    }

    @Bean
    @ConditionalOnMissingBean(DeadLetters.class)
    DeadLetters deadLetters(RabbitTemplate rabbit) {
        return new DeadLetters(ConfirmedSend.mandatory(rabbit));
    }

    @Bean
    @ConditionalOnMissingBean(OutageRetry.class)
    OutageRetry outageRetry(OutageProperties properties, DelayedDelivery delayed, Clock clock, MeterRegistry meters) {
        return new OutageRetry(properties, delayed, clock, meters);
    }

    @Bean
    Outbox outbox(OutboxRepository repository, OutboxRelay relay, Clock clock) {
        return new Outbox(repository, relay, clock);
    }

    /** The exchange {@link TranscriptEventLog} sends to, declared by every service that may send to it. */
    @Bean
    Declarables transcriptsExchange() {
        return new Declarables(new TopicExchange(Topology.TRANSCRIPTS_EXCHANGE, true, false));
    }

    @Bean
    TranscriptEventLog transcriptEventLog(DSLContext db, Outbox outbox, Clock clock) {
        return new TranscriptEventLog(db, outbox, clock);
    }
}
