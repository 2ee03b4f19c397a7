/** The schema's owner: Flyway migrations and the runnable that applies them. */
@NullMarked
package app.meetingbridge.migrations;

import org.jspecify.annotations.NullMarked;
