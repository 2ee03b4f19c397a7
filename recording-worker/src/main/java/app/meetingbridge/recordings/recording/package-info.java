/** Recordings: intake of recording.ready messages and each recording's processing state. */
@NullMarked
package app.meetingbridge.recordings.recording;

import org.jspecify.annotations.NullMarked;
