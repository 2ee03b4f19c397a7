/** Meetings of a room: create-or-get (answered from the database or by meeting-service), reads, redaction. */
@NullMarked
package app.meetingbridge.gateway.meeting;

import org.jspecify.annotations.NullMarked;
