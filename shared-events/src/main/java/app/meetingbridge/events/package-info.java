/** The contract between the deployables: topology names and the wire names of every message. */
@NullMarked
package app.meetingbridge.events;

import org.jspecify.annotations.NullMarked;
