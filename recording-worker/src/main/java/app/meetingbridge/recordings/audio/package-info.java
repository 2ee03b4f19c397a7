/** Audio work through ffmpeg and ffprobe: mixing tracks down to one mp3, its duration and its waveform. */
@NullMarked
package app.meetingbridge.recordings.audio;

import org.jspecify.annotations.NullMarked;
