/** Provider webhook intake: verified events are stored in the inbox with their outbox message, then acknowledged. */
@NullMarked
package app.meetingbridge.gateway.webhook;

import org.jspecify.annotations.NullMarked;
