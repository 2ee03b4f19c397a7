/** recording-worker: takes recordings from the provider buckets through the processing pipeline. */
@NullMarked
package app.meetingbridge.recordings;

import org.jspecify.annotations.NullMarked;
