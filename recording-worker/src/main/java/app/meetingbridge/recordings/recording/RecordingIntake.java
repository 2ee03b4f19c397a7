package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.recording.RecordingReady;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes each {@code recording.ready} into the {@code recording} table as {@code discovered}, once per provider
 * recording whatever the number of deliveries.
 */
@Service
class RecordingIntake {

    private static final Logger log = LoggerFactory.getLogger(RecordingIntake.class);

    private final RecordingRepository recordings;
    private final JsonMapper json;
    private final Clock clock;

    RecordingIntake(RecordingRepository recordings, JsonMapper json, Clock clock) {
        this.recordings = recordings;
        this.json = json;
        this.clock = clock;
    }

    void register(RecordingReady ready) {
        boolean added = recordings.insertIfAbsent(ready, json.writeValueAsString(ready.objectKeys()), clock.instant());
        log.info("recording {} of {} {}", ready.providerRecordingId(), ready.platform().wireName(),
                added ? "discovered" : "already known");
    }
}
