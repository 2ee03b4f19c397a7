/** Scheduled jobs' exclusivity: one meeting-service instance runs a given job at a time. */
@NullMarked
package app.meetingbridge.meetings.jobs;

import org.jspecify.annotations.NullMarked;
