/**
 * A transcript's content as plain Java types, shared by the services that show it: the words (with their speaker
 * numbers), the topics that hold them, the participants that name the speakers; the segments (a speaker's
 * consecutive words); the four text formats; the JSON the transcript row stores; and the speaker edits, as pure
 * functions from one list of topics to the next.
 */
@NullMarked
package app.meetingbridge.transcripts;

import org.jspecify.annotations.NullMarked;
