/**
 * The rules about a room's meetings that more than one service applies: the settings a new meeting of a room gets
 * ({@link app.meetingbridge.rooms.RoomMeetingSettings}) and the meeting a request reuses instead of making one
 * ({@link app.meetingbridge.rooms.ReusableMeeting}).
 */
@NullMarked
package app.meetingbridge.rooms;

import org.jspecify.annotations.NullMarked;
