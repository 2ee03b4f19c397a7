/** The ffmpeg that comes with the build, unpacked from its Maven artifact for the platforms it is shipped for. */
@NullMarked
package app.meetingbridge.ffmpeg;

import org.jspecify.annotations.NullMarked;
