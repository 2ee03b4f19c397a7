package app.meetingbridge.meetings.meeting;

import app.meetingbridge.rooms.RoomMeetingSettings;

/** The part of a room that meeting creation reads: its name, and the settings its meetings are made with. */
record Room(String id, String name, RoomMeetingSettings meetingSettings) {
}
