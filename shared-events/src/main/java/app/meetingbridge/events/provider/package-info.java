/**
 * Facts the video providers reported through their webhooks, in our words: who joined or left which provider
 * room, sessions, recordings. The gateway publishes them once a webhook is verified and stored.
 */
@NullMarked
package app.meetingbridge.events.provider;

import org.jspecify.annotations.NullMarked;
