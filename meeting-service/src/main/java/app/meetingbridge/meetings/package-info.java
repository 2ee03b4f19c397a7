/** meeting-service: creates meetings on video providers and keeps their lifecycle. */
@NullMarked
package app.meetingbridge.meetings;

import org.jspecify.annotations.NullMarked;
