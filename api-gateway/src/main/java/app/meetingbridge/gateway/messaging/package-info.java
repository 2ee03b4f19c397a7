/** RabbitMQ topology and message conversion of the gateway. */
@NullMarked
package app.meetingbridge.gateway.messaging;

import org.jspecify.annotations.NullMarked;
