/**
 * A room's Zulip post: a transcript that ends in a room with Zulip auto-post on is posted to the room's stream and
 * topic (or its message updated), retried with capped backoff while Zulip is unavailable.
 */
@NullMarked
package app.meetingbridge.recordings.zulip;

import org.jspecify.annotations.NullMarked;
