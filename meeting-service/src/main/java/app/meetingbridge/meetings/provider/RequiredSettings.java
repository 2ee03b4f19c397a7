package app.meetingbridge.meetings.provider;

import org.jspecify.annotations.Nullable;

/** Start-up checks of a provider's settings: one clear line naming the first one missing. */
public final class RequiredSettings {

    private RequiredSettings() {
    }

    /** Fails unless {@code value} is set; {@code enabledBy} says why the setting is needed. */
    public static void require(@Nullable String value, String name, String enabledBy) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(enabledBy + " but " + name + " is not set");
        }
    }
}
