/**
 * Live transcript events for browsers: the websockets {@code /v1/transcripts/{id}/events} and {@code /v1/events},
 * fed by every instance's own copy of the {@code transcript.event} messages.
 */
@NullMarked
package app.meetingbridge.gateway.live;

import org.jspecify.annotations.NullMarked;
