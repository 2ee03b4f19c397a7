/**
 * Zulip, as Reflector uses it: the operator's realm and bot ({@link ZulipProperties}), the client of Zulip's REST API
 * ({@link ZulipClient}) and the message a transcript makes ({@link ZulipMessage}).
 */
@NullMarked
package app.meetingbridge.zulip;

import org.jspecify.annotations.NullMarked;
