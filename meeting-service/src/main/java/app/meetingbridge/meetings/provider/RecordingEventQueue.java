package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;
import java.util.List;

/**
 * A queue of notices that a provider wrote recordings into its bucket. A message is deleted once its recordings
 * have been announced; one that is not deleted comes back later. Messages that are not such notices never reach
 * the caller: they stay in the queue for its own dead-letter policy.
 */
public interface RecordingEventQueue {

    Platform platform();

    /** Where the queue is, for the logs. */
    String url();

    /** The next few messages; waits a while for the first one. */
    List<RecordingEvent> receive();

    /** Removes a message that has been dealt with. */
    void delete(RecordingEvent event);

    /**
     * A received message: its id, the handle that deletes it, how often it was received, and the recordings it
     * says were written (none when it only named other objects).
     */
    record RecordingEvent(String id, String receiptHandle, int receiveCount, List<StoredRecording> recordings) {

        public RecordingEvent {
            recordings = List.copyOf(recordings);
        }
    }
}
