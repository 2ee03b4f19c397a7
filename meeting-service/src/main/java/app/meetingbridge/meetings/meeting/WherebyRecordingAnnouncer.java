package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.provider.whereby.WherebyRecordingsBucket.StoredRecording;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces a Whereby recording found in its bucket, however it was found (an S3 event, the bucket scan): like a
 * finished recording, its key as the recording id, so a recording found twice is announced once; linked to the
 * meeting whose Whereby room its name carries, or announced unlinked (and logged) when its name says no room.
 */
@Component
class WherebyRecordingAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(WherebyRecordingAnnouncer.class);

    private final ProviderEventHandler events;
    private final Clock clock;

    WherebyRecordingAnnouncer(ProviderEventHandler events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** {@code foundBy} names the road it came by, for the event id. */
    void announce(StoredRecording recording, String foundBy) {
        if (recording.roomName() == null) {
            log.warn("Whereby recording {} names no room; announced unlinked", recording.key());
        }
        var startedAt = recording.startedAt() != null ? recording.startedAt() : recording.lastModified();
        events.handle(new RecordingFinished(foundBy + ":" + recording.key(), clock.instant(), Platform.WHEREBY,
                recording.roomName() == null ? "" : recording.roomName(), recording.key(), RecordingReady.Kind.CLOUD,
                startedAt, null, recording.key(), List.of()));
    }
}
