package app.meetingbridge.recordings.recording;

/** The meeting a recording belongs to, its room and the room's owner (who owns the transcript). */
record MeetingRoom(String meetingId, String roomId, String ownerId) {
}
