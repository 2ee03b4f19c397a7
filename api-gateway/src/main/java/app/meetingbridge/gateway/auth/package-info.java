/** Who is calling: the one place where the current user of a request is resolved. */
@NullMarked
package app.meetingbridge.gateway.auth;

import org.jspecify.annotations.NullMarked;
