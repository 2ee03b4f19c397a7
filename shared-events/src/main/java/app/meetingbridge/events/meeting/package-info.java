/** Messages and value types about meetings: the create request/reply and the events a meeting emits. */
@NullMarked
package app.meetingbridge.events.meeting;

import org.jspecify.annotations.NullMarked;
