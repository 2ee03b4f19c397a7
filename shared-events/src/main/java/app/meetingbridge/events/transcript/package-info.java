/** What happens to transcripts, for the live sockets of the frontend. */
@NullMarked
package app.meetingbridge.events.transcript;

import org.jspecify.annotations.NullMarked;
