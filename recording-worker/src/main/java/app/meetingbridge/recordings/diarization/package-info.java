/**
 * Who speaks when in single-track audio: the diarization service (Reflector's contract) over HTTP, and the rule
 * that gives each transcribed word the speaker of its turn.
 */
@NullMarked
package app.meetingbridge.recordings.diarization;

import org.jspecify.annotations.NullMarked;
