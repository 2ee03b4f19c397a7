/** The transcription backend (Reflector's self-hosted GPU service contract) over HTTP. */
@NullMarked
package app.meetingbridge.recordings.transcription;

import org.jspecify.annotations.NullMarked;
