package app.meetingbridge.meetings.meeting;

import app.meetingbridge.meetings.provider.Providers;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when rooms are set to a platform this deployment has not configured: their next meeting
 * could not be created. (A platform no room uses may stay unconfigured; choosing it is then refused.)
 */
@Component
class PlatformsInUseCheck implements SmartInitializingSingleton {

    private final RoomRepository rooms;
    private final Providers providers;

    PlatformsInUseCheck(RoomRepository rooms, Providers providers) {
        this.rooms = rooms;
        this.providers = providers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        rooms.platformsInUse().forEach(platform ->
                providers.requireConfigured(platform, "rooms set to platform " + platform.wireName()));
    }
}
