/** Meetings: create-or-get under the room's row lock, and the meeting's rules. */
@NullMarked
package app.meetingbridge.meetings.meeting;

import org.jspecify.annotations.NullMarked;
