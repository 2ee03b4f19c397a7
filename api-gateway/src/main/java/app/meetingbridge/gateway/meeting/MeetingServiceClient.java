package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.SyncCalendar;
import app.meetingbridge.gateway.web.ApiException;
import java.time.Duration;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Asks meeting-service (request/reply over RabbitMQ, direct reply-to) and waits a bounded time. No answer in
 * time, or no broker, is a 503 with {@code Retry-After}; a request expires in its queue once its caller stopped
 * waiting, so a late meeting-service never acts on it.
 */
@Component
class MeetingServiceClient {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final ParameterizedTypeReference<MeetingCreateReply> CREATE_REPLY = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<CalendarSyncReply> SYNC_REPLY = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<CommandReply> COMMAND_REPLY = new ParameterizedTypeReference<>() {
    };

    static final String NOT_HOSTING_A_CALL = "does not seem to be hosting a call";

    private final RabbitTemplate rabbit;
    private final Duration timeout;

    MeetingServiceClient(RabbitTemplate rabbit, MeetingRequestProperties properties) {
        this.rabbit = rabbit;
        this.timeout = properties.createTimeout();
    }

    MeetingCreateReply createOrGet(CreateMeeting request) {
        return ask(Topology.MEETING_CREATE, request, CREATE_REPLY);
    }

    CalendarSyncReply syncCalendar(SyncCalendar request) {
        return ask(Topology.CALENDAR_SYNC, request, SYNC_REPLY);
    }

    /** Sends a meeting command and turns every outcome but success into the matching HTTP refusal. */
    CommandReply command(String routingKey, Object command) {
        CommandReply reply = ask(routingKey, command, COMMAND_REPLY);
        String message = reply.message() == null ? "" : reply.message();
        return switch (reply.outcome()) {
            case OK, ALREADY_ACTIVE -> reply;
            case MEETING_NOT_FOUND -> throw ApiException.notFound("Meeting not found");
            case UNSUPPORTED, PLATFORM_UNAVAILABLE -> throw ApiException.badRequest(message);
            case PROVIDER_UNAVAILABLE -> throw ApiException.withDetailsLogged(HttpStatus.SERVICE_UNAVAILABLE,
                    "Video provider unavailable, please try again", Duration.ofSeconds(10), message);
            case PROVIDER_REFUSED -> throw ApiException.withDetailsLogged(HttpStatus.BAD_GATEWAY,
                    refusalReason(message), null, message);
            case UNAVAILABLE -> throw ApiException.withDetailsLogged(HttpStatus.SERVICE_UNAVAILABLE,
                    "Meetings are unavailable for a moment, please try again", Duration.ofSeconds(5), message);
            case FAILED -> throw ApiException.withDetailsLogged(HttpStatus.BAD_GATEWAY, "Meeting command failed", null,
                    message);
        };
    }

    /**
     * The reason a caller sees for a provider's refusal: the provider's answer stays in the log, except that Daily
     * does not yet host a call in the room (a recording asked for a moment too early), which Reflector's web app
     * recognises by these words and answers by asking again.
     */
    static String refusalReason(String providerMessage) {
        return providerMessage.contains(NOT_HOSTING_A_CALL)
                ? "Video provider refused the request: the room " + NOT_HOSTING_A_CALL + " yet"
                : "Video provider refused the request";
    }

    private <R> R ask(String routingKey, Object request, ParameterizedTypeReference<R> replyType) {
        R reply;
        try {
            reply = rabbit.convertSendAndReceiveAsType(Topology.MEETING_COMMANDS_EXCHANGE, routingKey, request,
                    message -> {
                        message.getMessageProperties().setExpiration(String.valueOf(timeout.toMillis()));
                        message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
                        return message;
                    }, replyType);
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
