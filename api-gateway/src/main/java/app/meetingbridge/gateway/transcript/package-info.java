/** Transcripts made from meetings, as the frontend reads them: list, detail, participants, words, audio. */
@NullMarked
package app.meetingbridge.gateway.transcript;

import org.jspecify.annotations.NullMarked;
