/**
 * Meetings of a room: create-or-get (answered from the database or by meeting-service), reads, redaction, and the
 * participants' consent decisions.
 */
@NullMarked
package app.meetingbridge.gateway.meeting;

import org.jspecify.annotations.NullMarked;
