/** Messages about recordings found on a provider's storage. */
@NullMarked
package app.meetingbridge.events.recording;

import org.jspecify.annotations.NullMarked;
