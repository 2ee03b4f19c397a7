package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.meetings.provider.ProviderRoom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One meeting of a room on one provider. It keeps the settings and the platform it was created with for its
 * whole life.
 */
record Meeting(String id, String roomId, MeetingSettings settings, String providerMeetingId, String providerRoomName,
               String roomUrl, String hostRoomUrl, Instant startDate, Instant endDate, boolean active) {

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String SUFFIX_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    Meeting {
        if (!endDate.isAfter(startDate)) {
            throw new IllegalArgumentException("a meeting ends after it starts");
        }
    }

    /** A meeting that opened now on the room the provider created for it, ending after {@code lifetime}. */
    static Meeting opened(String roomId, MeetingSettings settings, ProviderRoom room, Instant now, Duration lifetime) {
        return new Meeting(UUID.randomUUID().toString(), roomId, settings, room.providerMeetingId(), room.roomName(),
                room.roomUrl(), room.hostRoomUrl(), now, now.plus(lifetime), true);
    }

    /**
     * A provider room name that no other meeting has: the room's name, the UTC creation time and a random
     * suffix (reflector-behaviour §2.3: a timestamp alone collides within one second).
     */
    static String providerRoomName(String roomName, Instant now) {
        StringBuilder suffix = new StringBuilder(8);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return roomName.toLowerCase(Locale.ROOT) + "-" + NAME_TIME.format(now) + "-" + suffix;
    }

    boolean reusableFor(MeetingSettings wanted, Instant now) {
        return active && endDate.isAfter(now) && settings.equals(wanted);
    }
}
