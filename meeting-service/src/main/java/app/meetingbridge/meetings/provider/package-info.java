/** The seam to video providers: one interface, one implementation per provider, chosen by platform. */
@NullMarked
package app.meetingbridge.meetings.provider;

import org.jspecify.annotations.NullMarked;
