package app.meetingbridge.meetings.messaging;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.SyncCalendar;
import app.meetingbridge.messaging.FailureKind;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.listener.api.RabbitListenerErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The exchanges and queues this service uses, and the answers of requests that failed unexpectedly. */
@Configuration(proxyBeanMethods = false)
class RabbitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RabbitConfiguration.class);

    @Bean
    Declarables meetingTopology() {
        TopicExchange meetings = new TopicExchange(Topology.MEETINGS_EXCHANGE, true, false);
        DirectExchange commands = new DirectExchange(Topology.MEETING_COMMANDS_EXCHANGE, true, false);
        Queue createQueue = new Queue(Topology.MEETING_CREATE_QUEUE, true, false, false,
                Topology.REQUEST_QUEUE_ARGUMENTS);
        Queue commandQueue = new Queue(Topology.MEETING_COMMANDS_QUEUE, true, false, false,
                Topology.REQUEST_QUEUE_ARGUMENTS);
        TopicExchange recordings = new TopicExchange(Topology.RECORDINGS_EXCHANGE, true, false);
        List<Declarable> declarables = new ArrayList<>(List.of(meetings, recordings, commands, createQueue, commandQueue,
                BindingBuilder.bind(createQueue).to(commands).with(Topology.MEETING_CREATE)));
        Topology.MEETING_COMMAND_KEYS.forEach(key ->
                declarables.add(BindingBuilder.bind(commandQueue).to(commands).with(key)));
        return new Declarables(declarables);
    }

    /**
     * A request that failed unexpectedly still gets an answer, so its caller does not wait out its timeout: that
     * it is unavailable for now when the database or the broker did not answer (the caller may try again), else
     * that it failed.
     */
    @Bean
    RabbitListenerErrorHandler createMeetingErrorHandler() {
        return (amqpMessage, channel, message, exception) -> {
            if (FailureKind.of(exception) == FailureKind.OUTAGE) {
                log.warn("meeting.create met an outage: {}", rootCause(exception).getMessage());
                return MeetingCreateReply.refused(MeetingCreateReply.Outcome.UNAVAILABLE,
                        "Meeting creation met an outage: " + rootCause(exception).getMessage());
            }
            log.error("meeting.create failed", exception);
            return MeetingCreateReply.refused(MeetingCreateReply.Outcome.FAILED,
                    "Meeting creation failed: " + rootCause(exception).getMessage());
        };
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Bean
    RabbitListenerErrorHandler meetingCommandErrorHandler() {
        return (amqpMessage, channel, message, exception) -> {
            if (message != null && message.getPayload() instanceof SyncCalendar) { // its caller reads a sync reply
                log.error("calendar sync failed", exception);
                return CalendarSyncReply.failed("Calendar sync failed: " + rootCause(exception).getClass().getSimpleName());
            }
            if (FailureKind.of(exception) == FailureKind.OUTAGE) {
                log.warn("meeting command met an outage: {}", rootCause(exception).getMessage());
                return CommandReply.of(CommandReply.Outcome.UNAVAILABLE,
                        "Meeting command met an outage: " + rootCause(exception).getMessage());
            }
            log.error("meeting command failed", exception);
            return CommandReply.of(CommandReply.Outcome.FAILED, "Meeting command failed: " + rootCause(exception).getMessage());
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
