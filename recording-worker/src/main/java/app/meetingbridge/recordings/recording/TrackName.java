package app.meetingbridge.recordings.recording;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Daily raw-tracks key says about its track:
 * {@code {domain}/{room}/{recording start ms}-{participant session id}-{cam-audio|…}-{track start ms}}
 * (Daily's raw-tracks layout, without an extension; see docs/providers.md). The track is heard from {@link #offsetMs()} after the
 * recording starts.
 */
record TrackName(long recordingStartMs, String participantId, String kind, long trackStartMs) {

    private static final Pattern DAILY = Pattern.compile(
            "(\\d{13,})-([0-9a-fA-F-]{36})-(cam-audio|cam-video|screen-audio|screen-video)-(\\d{13,})$");

    static Optional<TrackName> parse(String key) {
        Matcher matcher = DAILY.matcher(key);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(new TrackName(Long.parseLong(matcher.group(1)), matcher.group(2), matcher.group(3),
                Long.parseLong(matcher.group(4))));
    }

    long offsetMs() {
        return Math.max(0, trackStartMs - recordingStartMs);
    }

    boolean camAudio() {
        return kind.equals("cam-audio");
    }
}
