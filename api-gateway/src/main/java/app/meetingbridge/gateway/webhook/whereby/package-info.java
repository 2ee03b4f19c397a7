/** Whereby's webhooks: its signature scheme and its event shapes. */
@NullMarked
package app.meetingbridge.gateway.webhook.whereby;

import org.jspecify.annotations.NullMarked;
