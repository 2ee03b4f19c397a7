/**
 * Files uploaded to transcripts: their chunks joined into one object, checked by ffmpeg, and handed to the
 * recording pipeline as a recording of platform {@code upload}.
 */
@NullMarked
package app.meetingbridge.recordings.upload;

import org.jspecify.annotations.NullMarked;
