/** Pages that stand in for provider rooms of the mock platform. */
@NullMarked
package app.meetingbridge.gateway.mock;

import org.jspecify.annotations.NullMarked;
