/**
 * Zulip for the frontend: the streams and a stream's topics of the operator's realm (to pick a room's stream and
 * topic), and posting a transcript to a stream's topic (again: the same message updated).
 */
@NullMarked
package app.meetingbridge.gateway.zulip;

import org.jspecify.annotations.NullMarked;
