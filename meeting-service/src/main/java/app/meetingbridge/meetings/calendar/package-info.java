/**
 * Calendar (ICS) rooms: the room's feed fetched through the outbound guard, parsed, and the events that name the
 * room kept as its calendar events.
 */
@NullMarked
package app.meetingbridge.meetings.calendar;

import org.jspecify.annotations.NullMarked;
