/**
 * The transcription backend over HTTP: any server with OpenAI's audio-transcriptions API (Reflector's GPU service,
 * OpenAI, self-hosted Whisper servers), and how its answers become timed words.
 */
@NullMarked
package app.meetingbridge.recordings.transcription;

import org.jspecify.annotations.NullMarked;
