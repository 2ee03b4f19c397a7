package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.gateway.web.ApiException;
import java.time.Duration;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * Asks meeting-service to create-or-get (request/reply over RabbitMQ, direct reply-to) and waits a bounded
 * time. No answer in time, or no broker, is a 503 with {@code Retry-After}; the request expires in the queue
 * when its caller stopped waiting, so a late meeting-service does not act on it.
 */
@Component
class MeetingCreationClient {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final ParameterizedTypeReference<MeetingCreateReply> REPLY = new ParameterizedTypeReference<>() {
    };

    private final RabbitTemplate rabbit;
    private final Duration timeout;

    MeetingCreationClient(RabbitTemplate rabbit, @Value("${app.meetings.create-timeout}") Duration timeout) {
        this.rabbit = rabbit;
        this.timeout = timeout;
    }

    MeetingCreateReply request(CreateMeeting request) {
        MeetingCreateReply reply;
        try {
            reply = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE, Topology.MEETING_CREATE,
                    request, message -> {
                        message.getMessageProperties().setExpiration(String.valueOf(timeout.toMillis()));
                        message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
                        return message;
                    }, REPLY);
        } catch (AmqpException e) {
            throw ApiException.unavailable("Meeting service unreachable (message broker unavailable), please try again",
                    RETRY_AFTER);
        }
        if (reply == null) {
            throw ApiException.unavailable("Meeting service did not answer within " + timeout.toMillis()
                    + " ms, please try again", RETRY_AFTER);
        }
        return reply;
    }
}
