/**
 * A room's outgoing webhook, the one way it is sent: signed, through the outbound guard, with a bounded preview of
 * the answer, every attempt recorded.
 */
@NullMarked
package app.meetingbridge.roomwebhooks;

import org.jspecify.annotations.NullMarked;
