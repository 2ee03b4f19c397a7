package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.recording.RecordingReady;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes each {@code recording.ready} into the {@code recording} table as {@code discovered}, once per provider
 * recording whatever the number of deliveries, then runs it through the pipeline from wherever it stands.
 */
@Service
class RecordingIntake {

    private static final Logger log = LoggerFactory.getLogger(RecordingIntake.class);

    private final RecordingRepository recordings;
    private final RecordingPipeline pipeline;
    private final Clock clock;

    RecordingIntake(RecordingRepository recordings, RecordingPipeline pipeline, Clock clock) {
        this.recordings = recordings;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    void register(RecordingReady ready) {
        boolean added = recordings.insertIfAbsent(ready, clock.instant());
        log.info("recording {} of {} {}", ready.providerRecordingId(), ready.platform().wireName(),
                added ? "discovered" : "already known");
        recordings.find(ready.platform().wireName(), ready.providerRecordingId()).ifPresent(pipeline::process);
    }
}
