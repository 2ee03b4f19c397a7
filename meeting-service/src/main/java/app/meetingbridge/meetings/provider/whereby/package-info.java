/** Whereby (REST API v1): its client lives here. */
@NullMarked
package app.meetingbridge.meetings.provider.whereby;

import org.jspecify.annotations.NullMarked;
