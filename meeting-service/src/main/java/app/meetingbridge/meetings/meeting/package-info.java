/**
 * Meetings: create-or-get under the room's creation claim, the commands on a meeting (join token, recording start,
 * deactivation), the lifecycle jobs (presence reconciliation, closing idle and ended meetings, meetings opened ahead
 * of calendar events), and the meeting's rules. Its repositories of meetings and participant sessions are the ones
 * the provider events write through.
 */
@NullMarked
package app.meetingbridge.meetings.meeting;

import org.jspecify.annotations.NullMarked;
