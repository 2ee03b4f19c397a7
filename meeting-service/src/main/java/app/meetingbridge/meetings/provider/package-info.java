/**
 * The seam to video providers: one interface, one implementation per provider, chosen by platform; and the small
 * interfaces recording discovery reads through (a list of recordings, a bucket, a queue of bucket events). Code
 * that knows a provider's API, or the AWS SDK, lives in the provider's own package below this one.
 */
@NullMarked
package app.meetingbridge.meetings.provider;

import org.jspecify.annotations.NullMarked;
