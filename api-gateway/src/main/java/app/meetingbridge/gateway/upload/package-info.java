/** Files uploaded to a transcript in chunks, stored in the transcript storage and handed to the recording-worker. */
@NullMarked
package app.meetingbridge.gateway.upload;

import org.jspecify.annotations.NullMarked;
