/**
 * Whereby (REST API v1): its client, the S3 bucket it records into and the SQS queue of that bucket's event
 * notifications, read as recordings.
 */
@NullMarked
package app.meetingbridge.meetings.provider.whereby;

import org.jspecify.annotations.NullMarked;
