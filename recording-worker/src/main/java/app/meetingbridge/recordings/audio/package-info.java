/** Audio work through ffmpeg: mixing tracks down to one mp3, its duration and its waveform; which ffmpeg, checked at start-up. */
@NullMarked
package app.meetingbridge.recordings.audio;

import org.jspecify.annotations.NullMarked;
