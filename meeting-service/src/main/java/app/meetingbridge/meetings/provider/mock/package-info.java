/** The built-in provider for local runs and demos: calls nothing outside, rooms are pages the gateway serves. */
@NullMarked
package app.meetingbridge.meetings.provider.mock;

import org.jspecify.annotations.NullMarked;
