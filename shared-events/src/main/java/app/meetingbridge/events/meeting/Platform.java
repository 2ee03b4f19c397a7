package app.meetingbridge.events.meeting;

import java.util.Arrays;
import java.util.Optional;

/** A video provider a meeting runs on. {@link #wireName()} is what the API, the database and messages carry. */
public enum Platform {
    WHEREBY("whereby"),
    DAILY("daily"),
    MOCK("mock");

    private final String wireName;

    Platform(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Platform> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    public static Platform of(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown platform '" + name + "'"));
    }
}
