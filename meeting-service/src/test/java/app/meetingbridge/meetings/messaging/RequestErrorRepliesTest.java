package app.meetingbridge.meetings.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import app.meetingbridge.events.meeting.SyncCalendar;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a meeting request that failed inside meeting-service is answered: unavailable for now when the database
 * did not answer (the gateway says 503, try again), failed otherwise.
 */
class RequestErrorRepliesTest {

    final RabbitConfiguration configuration = new RabbitConfiguration();
    final Message request = new Message(new byte[0], new MessageProperties());

    ListenerExecutionFailedException failure(Throwable cause) {
        return new ListenerExecutionFailedException("listener failed", cause, request);
    }

    @Test
    void answersACreationThatMetADatabaseOutageAsUnavailable() throws Exception {
        Object reply = configuration.createMeetingErrorHandler().handleError(request, null, null,
                failure(new CannotCreateTransactionException("no connection", new ConnectException("refused"))));

        assertThat(((MeetingCreateReply) reply).outcome()).isEqualTo(MeetingCreateReply.Outcome.UNAVAILABLE);
    }

    @Test
    void answersACreationThatFailedOtherwiseAsFailed() throws Exception {
        Object reply = configuration.createMeetingErrorHandler().handleError(request, null, null,
                failure(new IllegalStateException("a bug")));

        assertThat(((MeetingCreateReply) reply).outcome()).isEqualTo(MeetingCreateReply.Outcome.FAILED);
    }

    @Test
    void answersACommandThatMetADatabaseOutageAsUnavailableAndOtherFailuresAsFailed() throws Exception {
        Object outage = configuration.meetingCommandErrorHandler().handleError(request, null, null,
                failure(new CannotCreateTransactionException("no connection", new ConnectException("refused"))));
        Object bug = configuration.meetingCommandErrorHandler().handleError(request, null, null,
                failure(new IllegalStateException("a bug")));

        assertThat(((CommandReply) outage).outcome()).isEqualTo(CommandReply.Outcome.UNAVAILABLE);
        assertThat(((CommandReply) bug).outcome()).isEqualTo(CommandReply.Outcome.FAILED);
    }

    @Test
    void answersACalendarSyncThatFailedWithASyncReply() throws Exception {
        Object reply = configuration.meetingCommandErrorHandler().handleError(request, null,
                MessageBuilder.withPayload(new SyncCalendar("r", "room-1")).build(),
                failure(new IllegalStateException("a bug")));

        assertThat(((CalendarSyncReply) reply).status()).isEqualTo("error");
    }
}
