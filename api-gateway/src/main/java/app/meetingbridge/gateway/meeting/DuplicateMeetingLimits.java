package app.meetingbridge.gateway.meeting;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.room.Room;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.RateLimitProperties;
import app.meetingbridge.gateway.web.RateLimits;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may ask for another meeting in a room ({@code allow_duplicated}), and how often: each such request makes a
 * new room at the provider, so strangers may not, and a signed-in caller (anyone signed in may join a room) gets
 * a limited number per period, as does each room whoever asks.
 */
@Component
class DuplicateMeetingLimits {

    private final RateLimits perCaller;
    private final RateLimits perRoom;

    DuplicateMeetingLimits(RateLimitProperties rates) {
        this.perCaller = RateLimits.of("new meetings from you", rates.duplicateMeetingsPerCaller());
        this.perRoom = RateLimits.of("new meetings in this room", rates.duplicateMeetingsPerRoom());
    }

    /** Takes one creation for the caller and the room, or refuses: 401 anonymous, 429 beyond either limit. */
    void admit(Caller caller, Room room) {
        if (caller.isAnonymous()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Sign in to start another meeting in this room", null);
        }
        perCaller.acquire(caller.userId());
        perRoom.acquire(room.id());
    }
}
