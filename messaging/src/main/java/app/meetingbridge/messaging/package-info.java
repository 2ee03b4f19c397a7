/** The JSON wire format of messages and the transactional outbox, shared by the services that publish. */
@NullMarked
package app.meetingbridge.messaging;

import org.jspecify.annotations.NullMarked;
