/**
 * Recording discovery: the recordings no webhook announced, found in a provider's list of recordings (Daily), in
 * its bucket (Whereby's scan) or through its bucket's events (Whereby's queue), and announced as a finished
 * recording, linked to its meeting. Reaches the providers only through the interfaces of the provider package.
 */
@NullMarked
package app.meetingbridge.meetings.recordings;

import org.jspecify.annotations.NullMarked;
