package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.CreateMeeting;
import app.meetingbridge.events.meeting.MeetingCreateReply;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Answers {@code meeting.create} requests; the reply goes back to the caller's reply-to address. */
@Component
class CreateMeetingListener {

    private final MeetingService meetings;

    CreateMeetingListener(MeetingService meetings) {
        this.meetings = meetings;
    }

    @RabbitListener(queues = Topology.MEETING_CREATE_QUEUE, errorHandler = "createMeetingErrorHandler",
            concurrency = "${app.meetings.create-concurrency}")
    MeetingCreateReply on(CreateMeeting request) {
        return meetings.createOrGet(request);
    }
}
