package app.meetingbridge.meetings.recordings;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.provider.StoredRecording;
import app.meetingbridge.meetings.providerevents.ProviderEventHandler;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces a recording found in a provider's bucket, however it was found (an event on the bucket's queue, the
 * bucket scan): like a finished recording, its key as the recording id, so a recording found twice is announced
 * once; linked to the meeting whose provider room its name carries, or announced unlinked (and logged) when its
 * name says no room.
 */
@Component
class RecordingAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(RecordingAnnouncer.class);

    private final ProviderEventHandler events;
    private final Clock clock;

    RecordingAnnouncer(ProviderEventHandler events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** {@code foundBy} names the road it came by, for the event id. */
    void announce(Platform platform, StoredRecording recording, String foundBy) {
        if (recording.roomName() == null) {
            log.warn("{} recording {} names no room; announced unlinked", platform.wireName(), recording.key());
        }
        var startedAt = recording.startedAt() != null ? recording.startedAt() : recording.lastModified();
        events.handle(new RecordingFinished(foundBy + ":" + recording.key(), clock.instant(), platform,
                recording.roomName() == null ? "" : recording.roomName(), recording.key(), RecordingReady.Kind.CLOUD,
                startedAt, null, recording.key(), List.of()));
    }
}
