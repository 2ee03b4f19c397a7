/** The room's outgoing webhook: {@code transcript.completed}, signed, retried with capped backoff, every attempt kept. */
@NullMarked
package app.meetingbridge.recordings.roomwebhook;

import org.jspecify.annotations.NullMarked;
