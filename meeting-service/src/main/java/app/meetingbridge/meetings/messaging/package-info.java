/** RabbitMQ topology and message conversion of this service. */
@NullMarked
package app.meetingbridge.meetings.messaging;

import org.jspecify.annotations.NullMarked;
