package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.MeetingSettings;
import java.time.Instant;

/** What a provider needs to create a room: our collision-proof room name, when it ends, and its settings. */
public record NewProviderRoom(String roomName, String namePrefix, Instant endDate, MeetingSettings settings) {
}
