package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.StartRecording;
import app.meetingbridge.meetings.provider.ProviderRoom;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * One meeting of a room on one provider. It keeps the settings and the platform it was created with for its
 * whole life.
 */
public record Meeting(String id, String roomId, MeetingSettings settings, String providerMeetingId,
                      String providerRoomName, String roomUrl, String hostRoomUrl, Instant startDate, Instant endDate,
                      boolean active, @Nullable Instant providerRoomDeletedAt) {

    /** Raw-tracks instance ids are UUIDv5 of the meeting id in this namespace; the frontend computes the same. */
    private static final UUID RAW_TRACKS_NAMESPACE = UUID.fromString("a1b2c3d4-e5f6-7890-abcd-ef1234567890");

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String SUFFIX_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    public Meeting {
        if (!endDate.isAfter(startDate)) {
            throw new IllegalArgumentException("a meeting ends after it starts");
        }
    }

    /** A meeting that opened now on the room the provider created for it, ending after {@code lifetime}. */
    static Meeting opened(String roomId, MeetingSettings settings, ProviderRoom room, Instant now, Duration lifetime) {
        return new Meeting(UUID.randomUUID().toString(), roomId, settings, room.providerMeetingId(), room.roomName(),
                room.roomUrl(), room.hostRoomUrl(), now, now.plus(lifetime), true, null);
    }

    /** The meeting of a calendar event: it runs from the event's start to its end (an hour when it has none). */
    static Meeting scheduled(String roomId, MeetingSettings settings, ProviderRoom room, Instant start, Instant end) {
        return new Meeting(UUID.randomUUID().toString(), roomId, settings, room.providerMeetingId(), room.roomName(),
                room.roomUrl(), room.hostRoomUrl(), start, end.isAfter(start) ? end : start.plus(Duration.ofHours(1)),
                true, null);
    }

    /**
     * A provider room name that no other meeting has: the room's name, the UTC creation time and a random
     * suffix (a timestamp alone collides when two meetings of a room are made within one second).
     */
    static String providerRoomName(String roomName, Instant now) {
        StringBuilder suffix = new StringBuilder(8);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return roomName.toLowerCase(Locale.ROOT) + "-" + NAME_TIME.format(now) + "-" + suffix;
    }

    /**
     * The provider instance id of this meeting's cloud or raw-tracks recording: deterministic, so every
     * participant's start request names the same recording, and distinct per kind, as Daily requires for two
     * concurrent recordings.
     */
    String recordingInstanceId(StartRecording.Kind kind) {
        return kind == StartRecording.Kind.CLOUD ? id : uuidV5(RAW_TRACKS_NAMESPACE, id).toString();
    }

    boolean hasEnded(Instant now) {
        return !endDate.isAfter(now);
    }

    static UUID uuidV5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    boolean reusableFor(MeetingSettings wanted, Instant now) {
        return active && endDate.isAfter(now) && settings.equals(wanted);
    }
}
