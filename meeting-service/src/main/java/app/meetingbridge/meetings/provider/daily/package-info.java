/** Daily.co (REST API v1): its client, its list of recordings, and its webhook registration and health check. */
@NullMarked
package app.meetingbridge.meetings.provider.daily;

import org.jspecify.annotations.NullMarked;
