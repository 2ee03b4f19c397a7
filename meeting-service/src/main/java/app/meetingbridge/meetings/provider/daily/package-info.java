/** Daily.co (REST API v1): its client and webhook registration live here. */
@NullMarked
package app.meetingbridge.meetings.provider.daily;

import org.jspecify.annotations.NullMarked;
