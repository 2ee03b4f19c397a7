/**
 * Requests to addresses users choose (room webhooks): one guard that refuses internal destinations unless the
 * operator allow-listed them, and the HTTP client that connects only to addresses the guard checked.
 */
@NullMarked
package app.meetingbridge.outbound;

import org.jspecify.annotations.NullMarked;
