/** Daily's webhooks: its signature scheme and its event shapes. */
@NullMarked
package app.meetingbridge.gateway.webhook.daily;

import org.jspecify.annotations.NullMarked;
