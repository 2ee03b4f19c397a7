/** Object storage: the providers' recording buckets (read) and the transcript storage bucket (written), over S3. */
@NullMarked
package app.meetingbridge.recordings.storage;

import org.jspecify.annotations.NullMarked;
