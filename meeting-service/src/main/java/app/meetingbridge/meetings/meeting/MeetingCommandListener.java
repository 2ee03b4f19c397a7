package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CalendarSyncReply;
import app.meetingbridge.events.meeting.CommandReply;
import app.meetingbridge.events.meeting.DeactivateMeeting;
import app.meetingbridge.events.meeting.IssueJoinToken;
import app.meetingbridge.events.meeting.StartRecording;
import app.meetingbridge.events.meeting.SyncCalendar;
import app.meetingbridge.meetings.calendar.CalendarSync;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Answers the meeting commands; the reply goes back to the caller's reply-to address. */
@Component
@RabbitListener(queues = Topology.MEETING_COMMANDS_QUEUE, errorHandler = "meetingCommandErrorHandler",
        concurrency = "${app.meetings.create-concurrency}")
class MeetingCommandListener {

    private final MeetingCommands commands;

    private final CalendarSync calendars;

    MeetingCommandListener(MeetingCommands commands, CalendarSync calendars) {
        this.commands = commands;
        this.calendars = calendars;
    }

    @RabbitHandler
    CommandReply on(IssueJoinToken request) {
        return commands.joinToken(request);
    }

    @RabbitHandler
    CommandReply on(StartRecording request) {
        return commands.startRecording(request);
    }

    @RabbitHandler
    CommandReply on(DeactivateMeeting request) {
        return commands.deactivate(request);
    }

    @RabbitHandler
    CalendarSyncReply on(SyncCalendar request) {
        return calendars.syncNow(request.roomId());
    }
}
