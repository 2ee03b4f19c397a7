/** Transactional outbox: messages written with the data they describe, published once the broker confirms. */
@NullMarked
package app.meetingbridge.meetings.outbox;

import org.jspecify.annotations.NullMarked;
