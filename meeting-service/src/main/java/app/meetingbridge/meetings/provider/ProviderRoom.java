package app.meetingbridge.meetings.provider;

/** A room as the provider created it: its own id and name, the participant URL and the host URL. */
public record ProviderRoom(String providerMeetingId, String roomName, String roomUrl, String hostRoomUrl) {
}
