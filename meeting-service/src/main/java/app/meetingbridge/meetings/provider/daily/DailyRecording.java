package app.meetingbridge.meetings.provider.daily;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A recording Daily made, as far as we use it. */
public record DailyRecording(String id, String roomName, Instant startedAt, String status,
                             @Nullable Integer durationSeconds, Kind kind, @Nullable String s3Key,
                             @Nullable String meetingSessionId, List<Track> tracks) {

    public DailyRecording {
        tracks = List.copyOf(tracks);
    }

    public boolean finished() {
        return "finished".equals(status);
    }

    /** Still being recorded or uploaded: it may yet finish (a canceled one will not). */
    public boolean inProgress() {
        return "in-progress".equals(status);
    }

    public enum Kind { CLOUD, RAW_TRACKS }

    public record Track(String type, String s3Key, @Nullable Long size) {
    }

    public record Link(String url, Instant expires) {
    }
}
