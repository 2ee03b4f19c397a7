/**
 * Provider events: the batches of webhook events the gateway forwards (participants joining and leaving, room
 * sessions, recordings started, failed and finished), applied to meetings and their participant sessions, and
 * finished recordings announced as {@code recording.ready}; what fails on its own is parked, an outage is waited out.
 */
@NullMarked
package app.meetingbridge.meetings.providerevents;

import org.jspecify.annotations.NullMarked;
